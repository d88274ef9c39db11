using System;
using System.Collections.Generic;
using System.Linq;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// A fact about a migration request (a flag is on, a parameter is set, a list includes a value), used by
    /// the cross-field rules. Conditions are data: they evaluate themselves and describe themselves.
    /// </summary>
    public abstract class MigrationCondition
    {
        public abstract bool IsMet(MigrationParameterSet set);

        /// <summary>Short English for listings and help: "flag Parallel", "Compression includes 'mt'".</summary>
        public abstract string Describe(MigrationTables tables);

        /// <summary>The flags this condition looks at (for table consistency checks).</summary>
        internal virtual IEnumerable<MigrationFlag> FlagsReferenced => Enumerable.Empty<MigrationFlag>();

        /// <summary>The parameters this condition looks at (for table consistency checks).</summary>
        internal virtual IEnumerable<MigrationParameter> ParametersReferenced => Enumerable.Empty<MigrationParameter>();

        /// <summary>For "parameter includes value" conditions: which parameter and value; null otherwise.</summary>
        internal virtual KeyValuePair<MigrationParameter, string>? IncludedValue => null;

        public static MigrationCondition Flag(MigrationFlag flag) => new AnyFlagCondition(new[] { flag });

        public static MigrationCondition AnyFlag(params MigrationFlag[] flags) => new AnyFlagCondition(flags);

        public static MigrationCondition Parameter(MigrationParameter parameter) => new ParameterSetCondition(parameter);

        public static MigrationCondition Includes(MigrationParameter parameter, string value) => new IncludesCondition(parameter, value);

        public static MigrationCondition AtMostValues(MigrationParameter parameter, int count) => new AtMostValuesCondition(parameter, count);

        private sealed class AnyFlagCondition : MigrationCondition
        {
            private readonly MigrationFlag[] _flags;
            public AnyFlagCondition(MigrationFlag[] flags)
            {
                if (flags == null || flags.Length == 0) throw new ArgumentException("A flag condition needs at least one flag.", nameof(flags));
                _flags = flags;
            }

            public override bool IsMet(MigrationParameterSet set) => _flags.Any(set.HasFlag);

            public override string Describe(MigrationTables tables) =>
                "flag " + string.Join(" or ", _flags.Select(f => tables[f].Name));

            internal override IEnumerable<MigrationFlag> FlagsReferenced => _flags;
        }

        private sealed class ParameterSetCondition : MigrationCondition
        {
            private readonly MigrationParameter _parameter;
            public ParameterSetCondition(MigrationParameter parameter) => _parameter = parameter;
            public override bool IsMet(MigrationParameterSet set) => set.IsSet(_parameter);
            public override string Describe(MigrationTables tables) => "parameter " + tables[_parameter].Name;
            internal override IEnumerable<MigrationParameter> ParametersReferenced => new[] { _parameter };
        }

        private sealed class IncludesCondition : MigrationCondition
        {
            private readonly MigrationParameter _parameter;
            private readonly string _value;
            public IncludesCondition(MigrationParameter parameter, string value) { _parameter = parameter; _value = value; }

            public override bool IsMet(MigrationParameterSet set) =>
                set.TryGet(_parameter, out var v) && set.Tables[_parameter].Codec.Includes(v, _value);

            public override string Describe(MigrationTables tables) => tables[_parameter].Name + " '" + _value + "'";
            internal override IEnumerable<MigrationParameter> ParametersReferenced => new[] { _parameter };
            internal override KeyValuePair<MigrationParameter, string>? IncludedValue => new KeyValuePair<MigrationParameter, string>(_parameter, _value);
        }

        private sealed class AtMostValuesCondition : MigrationCondition
        {
            private readonly MigrationParameter _parameter;
            private readonly int _count;
            public AtMostValuesCondition(MigrationParameter parameter, int count) { _parameter = parameter; _count = count; }

            public override bool IsMet(MigrationParameterSet set) =>
                !set.TryGet(_parameter, out var v) || set.Tables[_parameter].Codec.CountValues(v) <= _count;

            public override string Describe(MigrationTables tables) =>
                "at most " + _count + " value" + (_count == 1 ? "" : "s") + " of " + tables[_parameter].Name;

            internal override IEnumerable<MigrationParameter> ParametersReferenced => new[] { _parameter };
        }
    }
}
