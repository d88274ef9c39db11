using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration.Json;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Migration.Codecs
{
    /// <summary>
    /// A multi-value key (migrate_disks, compression, …): stored as string[], sent as one
    /// VIR_TYPED_PARAM_STRING per value under the same field. An empty list is a value in the set and in
    /// JSON; on the wire it is indistinguishable from unset (libvirt has no way to send it).
    /// </summary>
    public sealed class StringListCodec : MigrationValueCodec
    {
        public override MigrationValueKind Kind => MigrationValueKind.StringList;
        public override Type ClrType => typeof(string[]);
        public override string TypeName => "string[]";
        public override TypedParameterType WireType => TypedParameterType.String;
        public override bool IsMultiValue => true;

        public override object Convert(MigrationParameterRow row, object? input)
        {
            var single = StringCodec.AsString(input);
            if (single != null) return new[] { ChoiceRules.Canonical(row, single) };
            if (input is IEnumerable items && !(input is IDictionary))
            {
                var list = new List<string>();
                foreach (var item in items)
                    list.Add(ChoiceRules.Canonical(row, StringCodec.AsString(item) ?? throw MigrationErrors.WrongType(row, input)));
                return list.ToArray();
            }
            throw MigrationErrors.WrongType(row, input);
        }

        public override void Check(MigrationParameterRow row, object value)
        {
            var items = (string[])value;
            ChoiceRules.Check(row, items);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
                if (!seen.Add(item))
                    throw MigrationErrors.Create(ErrorCode.InvalidArg, $"{MigrationErrors.Capitalize(row.ChoiceNoun)} '{item}' is specified twice", row.Key);
        }

        public override JsonValue ToJson(object value) => JsonValue.Array(((string[])value).Select(JsonValue.String));

        public override void AddTypedParameters(TypedParameterList list, string key, object value)
        {
            foreach (var item in (string[])value) list.Add(TypedParameter.String(key, item));
        }

        public override object? FromTypedParameters(MigrationParameterRow row, IReadOnlyList<TypedParameter> entries)
        {
            if (entries.Count == 0) return null;
            foreach (var p in entries)
                if (p.Type != TypedParameterType.String)
                    throw MigrationErrors.Create(ErrorCode.InternalError, $"Type mismatch for parameter '{row.Key}': got {p.Type}, expected String", row.Key);
            return entries.Select(p => (string)p.Value).ToArray();
        }

        public override string Format(object value) => string.Join(", ", (string[])value);

        public override bool ValueEquals(object a, object b) => ((string[])a).SequenceEqual((string[])b, StringComparer.Ordinal);

        public override bool Includes(object value, string item) => ((string[])value).Contains(item, StringComparer.OrdinalIgnoreCase);

        public override int CountValues(object value) => ((string[])value).Length;

        public override IEnumerable<string> Items(object value) => (string[])value;
    }
}
