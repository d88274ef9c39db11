using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// Text for -WhatIf, -Verbose and help, produced by looping over the tables:
    /// "Migrate domain 'web' from kvm1 to kvm2: live, persist on destination; bandwidth 128 MiB/s; compression mt (level 5)".
    /// A parameter that tunes one value of another (a rule "requires Compression 'mt'") is shown next to that value.
    /// </summary>
    public static class MigrationDescriber
    {
        private const int LongString = 60;

        public static string DescribeMigration(string domain, string source, string destination, MigrationParameterSet set)
        {
            var settings = DescribeSettings(set);
            return $"Migrate domain '{domain}' from {source} to {destination}" + (settings.Length == 0 ? "" : ": " + settings);
        }

        /// <summary>"live, persist on destination; bandwidth 128 MiB/s; compression mt (level 5)", or "" for an empty set.</summary>
        public static string DescribeSettings(MigrationParameterSet set)
        {
            var parts = new List<string>();
            var flags = string.Join(", ", set.FlagRows.Select(f => f.Summary));
            if (flags.Length > 0) parts.Add(flags);
            foreach (var pair in set.Values)
            {
                if (TunedValue(pair.Key) is KeyValuePair<MigrationParameter, string> tuned && set.IsSet(tuned.Key) &&
                    set.Tables[tuned.Key].Codec.Includes(set.Get(tuned.Key)!, tuned.Value))
                    continue; // shown next to the value it tunes
                parts.Add(DescribeValue(set, pair.Key, pair.Value));
            }
            return string.Join("; ", parts);
        }

        private static string DescribeValue(MigrationParameterSet set, MigrationParameterRow row, object value)
        {
            var label = MigrationNaming.Label(row.Key);
            if (row.Choices.Count == 0 || row.Codec.Items(value).Count() == 0) return label + " " + FormatValue(row, value);
            var items = row.Codec.Items(value).Select(item =>
            {
                var tunings = set.Values
                    .Where(p => TunedValue(p.Key) is KeyValuePair<MigrationParameter, string> t && t.Key == row.Id && string.Equals(t.Value, item, StringComparison.OrdinalIgnoreCase))
                    .Select(p => MigrationNaming.LastPart(p.Key.Key) + " " + FormatValue(p.Key, p.Value))
                    .ToList();
                return tunings.Count == 0 ? item : item + " (" + string.Join(", ", tunings) + ")";
            });
            return label + " " + string.Join(", ", items);
        }

        private static string FormatValue(MigrationParameterRow row, object value)
        {
            var text = row.Codec.Format(value);
            if (row.Kind == MigrationValueKind.String)
                text = text.Length > LongString || text.IndexOf('\n') >= 0 ? $"({text.Length.ToString(CultureInfo.InvariantCulture)} characters)" : "'" + text + "'";
            return row.Unit == null ? text : text + " " + row.Unit;
        }

        /// <summary>The (parameter, value) a row tunes, from its first "requires X includes value" rule.</summary>
        private static KeyValuePair<MigrationParameter, string>? TunedValue(MigrationParameterRow row)
        {
            foreach (var rule in row.Rules)
                if (rule.Kind == MigrationRuleKind.Requires && rule.When == null && rule.Condition.IncludedValue is KeyValuePair<MigrationParameter, string> v)
                    return v;
            return null;
        }

        /// <summary>Help text for a parameter: description, type, unit, range or values, release, rules.</summary>
        public static string HelpText(MigrationParameterRow row, MigrationTables tables)
        {
            var sb = new StringBuilder(row.Description);
            sb.Append(" Type: ").Append(row.Codec.TypeName);
            if (row.Unit != null) sb.Append(", in ").Append(row.Unit);
            sb.Append('.');
            if (row.Range != null) sb.Append(" Range: ").Append(row.Range).Append('.');
            if (row.Choices.Count > 0)
                sb.Append(" Values: ").Append(string.Join(", ", row.Choices.Select(c => c.Value + " (" + c.Description + ", libvirt " + c.Since + ")"))).Append('.');
            sb.Append(" libvirt key '").Append(row.Key).Append("' (").Append(row.Constant).Append("), since libvirt ").Append(row.Since).Append('.');
            AppendRules(sb, row.Rules, tables);
            if (row.Aliases.Count > 0) sb.Append(" Aliases: ").Append(string.Join(", ", row.Aliases)).Append('.');
            return sb.ToString();
        }

        /// <summary>Help text for a flag.</summary>
        public static string HelpText(MigrationFlagRow row, MigrationTables tables)
        {
            var sb = new StringBuilder(row.Description);
            sb.Append(" libvirt flag ").Append(row.Constant).Append(" (0x").Append(row.Value.ToString("x", CultureInfo.InvariantCulture)).Append("), since libvirt ").Append(row.Since).Append('.');
            AppendRules(sb, row.Rules, tables);
            if (row.Aliases.Count > 0) sb.Append(" Aliases: ").Append(string.Join(", ", row.Aliases)).Append('.');
            return sb.ToString();
        }

        private static void AppendRules(StringBuilder sb, IReadOnlyList<MigrationRule> rules, MigrationTables tables)
        {
            if (rules.Count == 0) return;
            sb.Append(' ').Append(MigrationErrors.Capitalize(string.Join("; ", rules.Select(r => r.Describe(tables))))).Append('.');
        }
    }
}
