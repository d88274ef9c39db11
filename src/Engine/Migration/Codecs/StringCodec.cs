using System;
using System.Collections.Generic;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration.Json;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Migration.Codecs
{
    /// <summary>A single VIR_TYPED_PARAM_STRING. The empty string is a value (set), distinct from unset.</summary>
    public sealed class StringCodec : MigrationValueCodec
    {
        public override MigrationValueKind Kind => MigrationValueKind.String;
        public override Type ClrType => typeof(string);
        public override string TypeName => "string";
        public override TypedParameterType WireType => TypedParameterType.String;

        public override object Convert(MigrationParameterRow row, object? input) =>
            ChoiceRules.Canonical(row, AsString(input) ?? throw MigrationErrors.WrongType(row, input));

        /// <summary>A string, a char or a Uri as text; null for anything else.</summary>
        internal static string? AsString(object? input) => input switch
        {
            string s => s,
            char c => c.ToString(),
            Uri u => u.OriginalString,
            _ => null,
        };

        public override void Check(MigrationParameterRow row, object value) => ChoiceRules.Check(row, new[] { (string)value });

        public override JsonValue ToJson(object value) => JsonValue.String((string)value);

        public override void AddTypedParameters(TypedParameterList list, string key, object value) => list.Add(TypedParameter.String(key, (string)value));

        public override object? FromTypedParameters(MigrationParameterRow row, IReadOnlyList<TypedParameter> entries)
        {
            if (entries.Count == 0) return null;
            if (entries[0].Type != TypedParameterType.String)
                throw MigrationErrors.Create(ErrorCode.InternalError, $"Type mismatch for parameter '{row.Key}': got {entries[0].Type}, expected String", row.Key);
            return (string)entries[0].Value;
        }

        public override string Format(object value) => (string)value;

        public override bool ValueEquals(object a, object b) => string.Equals((string)a, (string)b, StringComparison.Ordinal);

        public override bool Includes(object value, string item) => string.Equals((string)value, item, StringComparison.OrdinalIgnoreCase);

        public override IEnumerable<string> Items(object value) => new[] { (string)value };
    }
}
