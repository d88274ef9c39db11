using System;
using System.Collections.Generic;
using System.Text;

namespace Libvirt.Drivers.Remote.Transport.Pki
{
    /// <summary>
    /// A minimal DER (X.690) reader for the few structures private keys use: SEQUENCE, INTEGER, OCTET STRING,
    /// BIT STRING, OBJECT IDENTIFIER, NULL and context-specific tags. Definite lengths only (DER); every
    /// length is checked against the bytes that are left before anything is sliced.
    /// </summary>
    internal sealed class DerReader
    {
        public const byte Integer = 0x02, BitString = 0x03, OctetString = 0x04, Null = 0x05, Oid = 0x06, Sequence = 0x30;

        private readonly byte[] _data;
        private int _position;
        private readonly int _end;

        public DerReader(byte[] data) : this(data, 0, data.Length) { }

        private DerReader(byte[] data, int offset, int end)
        {
            _data = data;
            _position = offset;
            _end = end;
        }

        public bool HasData => _position < _end;

        public byte PeekTag() => HasData ? _data[_position] : throw Bad("unexpected end of data");

        /// <summary>Reads one element with the expected tag and returns its contents.</summary>
        public byte[] Read(byte tag)
        {
            var (start, length) = Header(tag);
            var value = new byte[length];
            Buffer.BlockCopy(_data, start, value, 0, length);
            _position = start + length;
            return value;
        }

        /// <summary>Reads a constructed element (SEQUENCE, [n] EXPLICIT) and returns a reader over its contents.</summary>
        public DerReader ReadNested(byte tag)
        {
            var (start, length) = Header(tag);
            _position = start + length;
            return new DerReader(_data, start, start + length);
        }

        /// <summary>An INTEGER's big-endian magnitude without the sign-padding zero byte.</summary>
        public byte[] ReadUnsignedInteger()
        {
            var value = Read(Integer);
            var skip = 0;
            while (skip < value.Length - 1 && value[skip] == 0) skip++;
            if (skip == 0) return value;
            var trimmed = new byte[value.Length - skip];
            Buffer.BlockCopy(value, skip, trimmed, 0, trimmed.Length);
            return trimmed;
        }

        public int ReadSmallInteger()
        {
            var value = Read(Integer);
            if (value.Length == 0 || value.Length > 3) throw Bad("integer out of range");
            var n = 0;
            foreach (var b in value) n = (n << 8) | b;
            return n;
        }

        public string ReadOid()
        {
            var bytes = Read(Oid);
            if (bytes.Length == 0) throw Bad("empty object identifier");
            var parts = new List<string> { (bytes[0] / 40).ToString(), (bytes[0] % 40).ToString() };
            long current = 0;
            for (var i = 1; i < bytes.Length; i++)
            {
                current = (current << 7) | (uint)(bytes[i] & 0x7F);
                if (current > int.MaxValue) throw Bad("object identifier component too large");
                if ((bytes[i] & 0x80) == 0) { parts.Add(current.ToString()); current = 0; }
            }
            return string.Join(".", parts);
        }

        public void Skip()
        {
            var (start, length) = Header(PeekTag());
            _position = start + length;
        }

        private (int Start, int Length) Header(byte tag)
        {
            if (_position >= _end) throw Bad("unexpected end of data");
            if (_data[_position] != tag) throw Bad($"expected tag 0x{tag:x2}, found 0x{_data[_position]:x2}");
            var p = _position + 1;
            if (p >= _end) throw Bad("truncated length");
            int length = _data[p++];
            if (length >= 0x80)
            {
                var count = length & 0x7F;
                if (count == 0 || count > 3) throw Bad("unsupported length encoding");
                if (p + count > _end) throw Bad("truncated length");
                length = 0;
                for (var i = 0; i < count; i++) length = (length << 8) | _data[p++];
            }
            if (length > _end - p) throw Bad("length runs past the end of the data");
            return (p, length);
        }

        private static FormatException Bad(string why) => new FormatException("Malformed DER: " + why + ".");
    }

    /// <summary>PEM (RFC 7468) blocks: "-----BEGIN LABEL-----", base64, "-----END LABEL-----".</summary>
    internal static class Pem
    {
        public sealed class Block
        {
            public Block(string label, byte[] data) { Label = label; Data = data; }
            public string Label { get; }
            public byte[] Data { get; }
        }

        public static List<Block> Parse(string text)
        {
            var blocks = new List<Block>();
            var position = 0;
            while (true)
            {
                var begin = text.IndexOf("-----BEGIN ", position, StringComparison.Ordinal);
                if (begin < 0) break;
                var labelEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
                if (labelEnd < 0) throw new FormatException("Malformed PEM: unterminated BEGIN line.");
                var label = text.Substring(begin + 11, labelEnd - begin - 11);
                var footer = "-----END " + label + "-----";
                var end = text.IndexOf(footer, labelEnd + 5, StringComparison.Ordinal);
                if (end < 0) throw new FormatException($"Malformed PEM: no END line for '{label}'.");
                var body = text.Substring(labelEnd + 5, end - labelEnd - 5);
                if (body.IndexOf(':') >= 0)
                    throw new FormatException($"PEM block '{label}' has headers (an encrypted legacy key?), which are not supported.");
                var base64 = new StringBuilder(body.Length);
                foreach (var c in body) if (!char.IsWhiteSpace(c)) base64.Append(c);
                byte[] data;
                try { data = Convert.FromBase64String(base64.ToString()); }
                catch (FormatException) { throw new FormatException($"Malformed PEM: the base64 of '{label}' is invalid."); }
                blocks.Add(new Block(label, data));
                position = end + footer.Length;
            }
            return blocks;
        }
    }
}
