using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Migration;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// Move-VMDomain's dynamic parameters: one per row of the migration tables, built fresh per call with no
    /// I/O. Parameters get the row's .NET type, range and allowed values, and its description as help;
    /// flags become switches.
    /// </summary>
    internal static class MigrationDynamicParameters
    {
        public static RuntimeDefinedParameterDictionary Build(MigrationTables tables)
        {
            var dictionary = new RuntimeDefinedParameterDictionary();
            foreach (var row in tables.Parameters)
            {
                var attributes = new Collection<Attribute> { new ParameterAttribute { HelpMessage = Help(row.Description, row.Unit) } };
                if (row.Aliases.Count > 0) attributes.Add(new AliasAttribute(row.Aliases.ToArray()));
                var range = RangeFor(row);
                if (range != null) attributes.Add(range);
                if (row.Choices.Count > 0) attributes.Add(new ValidateSetAttribute(row.Choices.Select(c => c.Value).ToArray()) { IgnoreCase = true });
                if (row.Codec.ClrType == typeof(string) || row.Codec.ClrType == typeof(string[])) attributes.Add(new ValidateNotNullOrEmptyAttribute());
                dictionary.Add(row.Name, new RuntimeDefinedParameter(row.Name, row.Codec.ClrType, attributes));
            }
            foreach (var flag in tables.Flags)
            {
                var attributes = new Collection<Attribute> { new ParameterAttribute { HelpMessage = flag.Summary } };
                if (flag.Aliases.Count > 0) attributes.Add(new AliasAttribute(flag.Aliases.ToArray()));
                dictionary.Add(flag.Name, new RuntimeDefinedParameter(flag.Name, typeof(SwitchParameter), attributes));
            }
            return dictionary;
        }

        /// <summary>The values the user gave to dynamic parameters, keyed by their names, as the engine parses them.</summary>
        public static IDictionary<string, object?> BoundValues(RuntimeDefinedParameterDictionary dictionary)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in dictionary.Values.Where(p => p.IsSet))
                values[p.Name] = PowerShellValues.Unwrap(p.Value);
            return values;
        }

        private static string Help(string description, string? unit) => unit == null ? description : $"{description} ({unit})";

        /// <summary>ValidateRange needs bounds of the parameter's own type.</summary>
        private static ValidateRangeAttribute? RangeFor(MigrationParameterRow row)
        {
            if (row.Range == null) return null;
            var type = row.Codec.ClrType;
            if (type == typeof(string) || type == typeof(string[])) return null;
            object Bound(decimal v) => Convert.ChangeType(v, type, CultureInfo.InvariantCulture);
            return new ValidateRangeAttribute(Bound(row.Range.Minimum), Bound(row.Range.Maximum));
        }
    }
}
