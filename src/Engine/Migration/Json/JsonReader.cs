using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Libvirt.Engine.Migration.Json
{
    /// <summary>A strict recursive-descent JSON parser (RFC 8259) producing <see cref="JsonValue"/>.</summary>
    internal sealed class JsonReader
    {
        private const int MaxDepth = 64;
        private readonly string _s;
        private int _pos;

        private JsonReader(string s) => _s = s;

        public static JsonValue Parse(string json)
        {
            if (json == null) throw new ArgumentNullException(nameof(json));
            var r = new JsonReader(json);
            r.SkipWhitespace();
            var v = r.ReadValue(0);
            r.SkipWhitespace();
            if (r._pos != r._s.Length) throw r.Error("unexpected text after the JSON value");
            return v;
        }

        private JsonValue ReadValue(int depth)
        {
            if (depth > MaxDepth) throw Error("nesting too deep");
            if (_pos >= _s.Length) throw Error("unexpected end of JSON");
            var c = _s[_pos];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return JsonValue.String(ReadString());
                case 't': Expect("true"); return JsonValue.Boolean(true);
                case 'f': Expect("false"); return JsonValue.Boolean(false);
                case 'n': Expect("null"); return JsonValue.Null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error($"unexpected character '{c}'");
            }
        }

        private JsonValue ReadObject(int depth)
        {
            _pos++;
            var props = new List<KeyValuePair<string, JsonValue>>();
            SkipWhitespace();
            if (Peek() == '}') { _pos++; return JsonValue.Object(props); }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"') throw Error("expected a property name");
                var name = ReadString();
                SkipWhitespace();
                if (Peek() != ':') throw Error("expected ':'");
                _pos++;
                SkipWhitespace();
                props.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
                SkipWhitespace();
                var c = Peek();
                _pos++;
                if (c == '}') return JsonValue.Object(props);
                if (c != ',') throw Error("expected ',' or '}'", _pos - 1);
            }
        }

        private JsonValue ReadArray(int depth)
        {
            _pos++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (Peek() == ']') { _pos++; return JsonValue.Array(items); }
            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                var c = Peek();
                _pos++;
                if (c == ']') return JsonValue.Array(items);
                if (c != ',') throw Error("expected ',' or ']'", _pos - 1);
            }
        }

        private string ReadString()
        {
            _pos++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _s.Length) throw Error("unterminated string");
                var c = _s[_pos++];
                if (c == '"') return sb.ToString();
                if (c < 0x20) throw Error("control character in string", _pos - 1);
                if (c != '\\') { sb.Append(c); continue; }
                if (_pos >= _s.Length) throw Error("unterminated escape");
                var e = _s[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _s.Length || !int.TryParse(_s.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            throw Error("bad \\u escape");
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default: throw Error($"bad escape '\\{e}'", _pos - 1);
                }
            }
        }

        private JsonValue ReadNumber()
        {
            var start = _pos;
            if (Peek() == '-') _pos++;
            if (Peek() == '0') _pos++;
            else if (IsDigit(Peek())) while (IsDigit(Peek())) _pos++;
            else throw Error("bad number", start);
            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek())) throw Error("bad number", start);
                while (IsDigit(Peek())) _pos++;
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!IsDigit(Peek())) throw Error("bad number", start);
                while (IsDigit(Peek())) _pos++;
            }
            return JsonValue.NumberLiteral(_s.Substring(start, _pos - start));
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private char Peek() => _pos < _s.Length ? _s[_pos] : '\0';

        private void Expect(string word)
        {
            if (string.CompareOrdinal(_s, _pos, word, 0, word.Length) != 0) throw Error("unexpected literal");
            _pos += word.Length;
        }

        private void SkipWhitespace()
        {
            while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t' || _s[_pos] == '\n' || _s[_pos] == '\r')) _pos++;
        }

        private FormatException Error(string what, int? at = null) =>
            new FormatException($"Invalid JSON at offset {at ?? _pos}: {what}.");
    }
}
