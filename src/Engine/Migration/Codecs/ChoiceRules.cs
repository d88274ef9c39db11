using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Migration.Codecs
{
    /// <summary>Allowed-value handling shared by the string kinds.</summary>
    internal static class ChoiceRules
    {
        /// <summary>The table's spelling of a value when it names a choice (case-insensitively); the value otherwise.</summary>
        public static string Canonical(MigrationParameterRow row, string value) => row.FindChoice(value)?.Value ?? value;

        public static void Check(MigrationParameterRow row, IEnumerable<string> values)
        {
            if (row.Choices.Count == 0) return;
            foreach (var v in values)
                if (row.FindChoice(v) == null)
                    throw MigrationErrors.Create(ErrorCode.InvalidArg,
                        $"Unsupported {row.ChoiceNoun} '{v}'; valid values are: {string.Join(", ", row.Choices.Select(c => c.Value))}", row.Key);
        }
    }
}
