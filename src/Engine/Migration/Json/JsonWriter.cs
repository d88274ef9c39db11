using System.Globalization;
using System.Text;

namespace Libvirt.Engine.Migration.Json
{
    /// <summary>Writes a <see cref="JsonValue"/> as RFC 8259 JSON.</summary>
    internal static class JsonWriter
    {
        public static string Write(JsonValue value, bool indented)
        {
            var sb = new StringBuilder();
            Write(sb, value, indented, 0);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, JsonValue value, bool indented, int depth)
        {
            switch (value.Kind)
            {
                case JsonKind.Null: sb.Append("null"); break;
                case JsonKind.Boolean: sb.Append(value.AsBoolean ? "true" : "false"); break;
                case JsonKind.Number: sb.Append(value.Text); break;
                case JsonKind.String: WriteString(sb, value.Text); break;
                case JsonKind.Array:
                    sb.Append('[');
                    for (var i = 0; i < value.Items.Count; i++)
                    {
                        if (i > 0) sb.Append(indented ? ", " : ",");
                        Write(sb, value.Items[i], indented, depth + 1);
                    }
                    sb.Append(']');
                    break;
                case JsonKind.Object:
                    sb.Append('{');
                    for (var i = 0; i < value.Properties.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        if (indented) NewLine(sb, depth + 1);
                        WriteString(sb, value.Properties[i].Key);
                        sb.Append(indented ? ": " : ":");
                        Write(sb, value.Properties[i].Value, indented, depth + 1);
                    }
                    if (indented && value.Properties.Count > 0) NewLine(sb, depth);
                    sb.Append('}');
                    break;
            }
        }

        private static void NewLine(StringBuilder sb, int depth) => sb.Append('\n').Append(' ', depth * 2);

        private static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }
    }
}
