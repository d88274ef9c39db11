using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Libvirt.Engine.Migration.Json
{
    public enum JsonKind
    {
        Null,
        Boolean,
        Number,
        String,
        Array,
        Object,
    }

    /// <summary>
    /// A small JSON document model for saving and loading migration settings (netstandard2.0 has no JSON
    /// library and the engine takes no dependency). Numbers keep their literal text, so 64-bit unsigned
    /// values round-trip exactly. Object properties keep their order.
    /// </summary>
    public sealed class JsonValue
    {
        private readonly string? _text;
        private readonly bool _bool;
        private readonly List<JsonValue>? _items;
        private readonly List<KeyValuePair<string, JsonValue>>? _properties;

        private JsonValue(JsonKind kind, string? text = null, bool b = false, List<JsonValue>? items = null, List<KeyValuePair<string, JsonValue>>? properties = null)
        {
            Kind = kind;
            _text = text;
            _bool = b;
            _items = items;
            _properties = properties;
        }

        public JsonKind Kind { get; }

        public static JsonValue Null { get; } = new JsonValue(JsonKind.Null);
        public static JsonValue Boolean(bool value) => new JsonValue(JsonKind.Boolean, b: value);
        public static JsonValue String(string value) => new JsonValue(JsonKind.String, value ?? throw new ArgumentNullException(nameof(value)));
        public static JsonValue Number(decimal value) => new JsonValue(JsonKind.Number, value.ToString(CultureInfo.InvariantCulture));
        public static JsonValue Array(IEnumerable<JsonValue> items) => new JsonValue(JsonKind.Array, items: items.ToList());
        public static JsonValue Object(IEnumerable<KeyValuePair<string, JsonValue>> properties) => new JsonValue(JsonKind.Object, properties: properties.ToList());

        internal static JsonValue NumberLiteral(string literal) => new JsonValue(JsonKind.Number, literal);

        /// <summary>The literal text of a number, or the value of a string.</summary>
        public string Text => _text ?? throw new InvalidOperationException("A JSON " + Kind + " has no text.");

        public bool AsBoolean => Kind == JsonKind.Boolean ? _bool : throw new InvalidOperationException("Not a JSON boolean.");

        public IReadOnlyList<JsonValue> Items => _items ?? throw new InvalidOperationException("Not a JSON array.");

        public IReadOnlyList<KeyValuePair<string, JsonValue>> Properties => _properties ?? throw new InvalidOperationException("Not a JSON object.");

        /// <summary>
        /// The plain .NET value: null, bool, decimal (numbers; a number that does not fit stays its literal
        /// string), string, object?[] (arrays), or an ordered dictionary (objects).
        /// </summary>
        public object? ToObject()
        {
            switch (Kind)
            {
                case JsonKind.Null: return null;
                case JsonKind.Boolean: return _bool;
                case JsonKind.Number:
                    return decimal.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (object)_text!;
                case JsonKind.String: return _text;
                case JsonKind.Array: return _items!.Select(i => i.ToObject()).ToArray();
                case JsonKind.Object:
                    var dict = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var p in _properties!) dict[p.Key] = p.Value.ToObject();
                    return dict;
                default: throw new InvalidOperationException("Unknown JSON kind " + Kind);
            }
        }

        public static JsonValue Parse(string json) => JsonReader.Parse(json);

        public string ToJson(bool indented = true) => JsonWriter.Write(this, indented);

        public override string ToString() => ToJson(false);
    }
}
