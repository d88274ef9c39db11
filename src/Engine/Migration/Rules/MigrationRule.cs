using System;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Migration
{
    /// <summary>Whether a rule demands its condition or forbids it.</summary>
    public enum MigrationRuleKind
    {
        Requires,
        Excludes,
    }

    /// <summary>
    /// A cross-field rule owned by a row (a parameter, a flag, or one allowed value of a parameter). It applies
    /// while its owner is in use (the parameter is set, the flag is on, the value is chosen) and, when
    /// <see cref="When"/> is given, only while that also holds. The error code and message are libvirt's.
    /// </summary>
    public sealed class MigrationRule
    {
        private MigrationRule(MigrationRuleKind kind, MigrationCondition condition, ErrorCode code, string message, MigrationCondition? when)
        {
            Kind = kind;
            Condition = condition ?? throw new ArgumentNullException(nameof(condition));
            Code = code;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            When = when;
        }

        public MigrationRuleKind Kind { get; }
        public MigrationCondition Condition { get; }
        public MigrationCondition? When { get; }
        public ErrorCode Code { get; }
        public string Message { get; }

        public static MigrationRule Requires(MigrationCondition condition, ErrorCode code, string message) =>
            new MigrationRule(MigrationRuleKind.Requires, condition, code, message, null);

        public static MigrationRule Excludes(MigrationCondition condition, ErrorCode code, string message) =>
            new MigrationRule(MigrationRuleKind.Excludes, condition, code, message, null);

        /// <summary>The same rule, applying only while <paramref name="when"/> holds.</summary>
        public MigrationRule OnlyWhen(MigrationCondition when) => new MigrationRule(Kind, Condition, Code, Message, when);

        /// <summary>True when the request breaks this rule (the owner is known to be in use).</summary>
        public bool IsBrokenBy(MigrationParameterSet set)
        {
            if (When != null && !When.IsMet(set)) return false;
            var met = Condition.IsMet(set);
            return Kind == MigrationRuleKind.Requires ? !met : met;
        }

        /// <summary>"requires flag Parallel", "with flag Parallel requires at most 1 value of Compression".</summary>
        public string Describe(MigrationTables tables) =>
            (When == null ? "" : "with " + When.Describe(tables) + " ") +
            (Kind == MigrationRuleKind.Requires ? "requires " : "excludes ") + Condition.Describe(tables);
    }
}
