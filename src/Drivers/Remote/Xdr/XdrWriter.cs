using System;
using System.Collections.Generic;
using System.Text;

namespace Libvirt.Drivers.Remote.Xdr
{
    /// <summary>
    /// Encodes values in XDR (RFC 4506) the way libvirt's rpcgen code does: big-endian, every item padded to
    /// a multiple of 4 bytes. The buffer grows by doubling, as libvirt's own message buffer does.
    /// </summary>
    internal sealed class XdrWriter
    {
        private byte[] _buffer;
        private int _length;

        public XdrWriter(int initialCapacity = 256) => _buffer = new byte[Math.Max(16, initialCapacity)];

        public int Length => _length;

        public byte[] ToArray()
        {
            var result = new byte[_length];
            Buffer.BlockCopy(_buffer, 0, result, 0, _length);
            return result;
        }

        /// <summary>Copies the encoded bytes into <paramref name="target"/> at <paramref name="offset"/>.</summary>
        public void CopyTo(byte[] target, int offset) => Buffer.BlockCopy(_buffer, 0, target, offset, _length);

        public void WriteInt(int value) => WriteUInt(unchecked((uint)value));

        public void WriteUInt(uint value)
        {
            Ensure(4);
            _buffer[_length] = (byte)(value >> 24);
            _buffer[_length + 1] = (byte)(value >> 16);
            _buffer[_length + 2] = (byte)(value >> 8);
            _buffer[_length + 3] = (byte)value;
            _length += 4;
        }

        public void WriteHyper(long value) => WriteUHyper(unchecked((ulong)value));

        public void WriteUHyper(ulong value)
        {
            WriteUInt((uint)(value >> 32));
            WriteUInt((uint)value);
        }

        /// <summary>XDR bool: a 4-byte word, 0 or 1.</summary>
        public void WriteBool(bool value) => WriteUInt(value ? 1u : 0u);

        public void WriteDouble(double value) => WriteHyper(BitConverter.DoubleToInt64Bits(value));

        /// <summary>opaque[N]: exactly N bytes, then zero padding; no length word.</summary>
        public void WriteFixedOpaque(byte[] value, int size)
        {
            if (value.Length != size)
                throw new ArgumentException($"Fixed opaque needs exactly {size} bytes, got {value.Length}.", nameof(value));
            WriteRaw(value, 0, value.Length);
            Pad(value.Length);
        }

        /// <summary>opaque&lt;max&gt;: length word, bytes, zero padding.</summary>
        public void WriteOpaque(byte[] value, int max)
        {
            CheckCount(value.Length, max, "opaque");
            WriteUInt((uint)value.Length);
            WriteRaw(value, 0, value.Length);
            Pad(value.Length);
        }

        /// <summary>string&lt;max&gt;: length word, UTF-8 bytes without NUL, zero padding.</summary>
        public void WriteString(string value, int max = XdrLimits.StringMax)
        {
            if (value == null) throw new ArgumentNullException(nameof(value), "A non-null XDR string cannot be null.");
            WriteOpaque(Encoding.UTF8.GetBytes(value), max);
        }

        /// <summary>An optional string (libvirt's remote_string): a 0/1 word, then the string when present.</summary>
        public void WriteOptionalString(string? value, int max = XdrLimits.StringMax) =>
            WriteOptional(value, (w, v) => w.WriteString(v, max));

        /// <summary>An optional value (<c>T *x</c>): a 0/1 word, then the value when present.</summary>
        public void WriteOptional<T>(T? value, Action<XdrWriter, T> writeValue) where T : class
        {
            WriteBool(value != null);
            if (value != null) writeValue(this, value);
        }

        /// <summary>T x&lt;max&gt;: count word, then each element.</summary>
        public void WriteArray<T>(IReadOnlyCollection<T> items, int max, Action<XdrWriter, T> writeItem)
        {
            CheckCount(items.Count, max, "array");
            WriteUInt((uint)items.Count);
            foreach (var item in items) writeItem(this, item);
        }

        /// <summary>
        /// char x&lt;max&gt; as rpcgen encodes it: a count, then every byte widened to a 4-byte signed int
        /// (bytes from 0x80 are sign-extended). libvirt uses it for SASL data and security labels.
        /// </summary>
        public void WriteWidenedChars(byte[] value, int max)
        {
            CheckCount(value.Length, max, "char array");
            WriteUInt((uint)value.Length);
            foreach (var b in value) WriteInt(unchecked((sbyte)b));
        }

        private void WriteRaw(byte[] value, int offset, int count)
        {
            Ensure(count);
            Buffer.BlockCopy(value, offset, _buffer, _length, count);
            _length += count;
        }

        private void Pad(int written)
        {
            var pad = XdrLimits.PaddingFor(written);
            Ensure(pad);
            for (var i = 0; i < pad; i++) _buffer[_length++] = 0;
        }

        private static void CheckCount(int count, int max, string what)
        {
            if (count > max)
                throw new ArgumentException($"XDR {what} of {count} elements is longer than the protocol allows ({max}).");
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _buffer.Length) return;
            var size = _buffer.Length;
            while (size < _length + extra) size *= 2;
            Array.Resize(ref _buffer, size);
        }
    }
}
