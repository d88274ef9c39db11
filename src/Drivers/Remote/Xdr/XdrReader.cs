using System;
using System.Collections.Generic;
using System.Text;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Xdr
{
    /// <summary>
    /// Decodes XDR from a byte range. Every read checks the remaining length and every variable-length item
    /// checks the protocol's maximum before allocating, so a hostile or corrupt peer gets a clear
    /// LibvirtException (RPC) instead of an out-of-memory or index error.
    /// </summary>
    internal sealed class XdrReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        public XdrReader(byte[] buffer) : this(buffer, 0, buffer.Length) { }

        public XdrReader(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _position = offset;
            _end = offset + count;
        }

        public int Remaining => _end - _position;

        public int ReadInt() => unchecked((int)ReadUInt());

        public uint ReadUInt()
        {
            Need(4);
            var v = (uint)_buffer[_position] << 24 | (uint)_buffer[_position + 1] << 16 | (uint)_buffer[_position + 2] << 8 | _buffer[_position + 3];
            _position += 4;
            return v;
        }

        public long ReadHyper() => unchecked((long)ReadUHyper());

        public ulong ReadUHyper()
        {
            ulong high = ReadUInt();
            return high << 32 | ReadUInt();
        }

        /// <summary>XDR bool. Like libtirpc's xdr_bool, any non-zero word is true.</summary>
        public bool ReadBool() => ReadUInt() != 0;

        public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadHyper());

        public byte[] ReadFixedOpaque(int size)
        {
            Need(size + XdrLimits.PaddingFor(size));
            var result = new byte[size];
            Buffer.BlockCopy(_buffer, _position, result, 0, size);
            _position += size + XdrLimits.PaddingFor(size);
            return result;
        }

        public byte[] ReadOpaque(int max) => ReadFixedOpaque(ReadCount(max, "opaque"));

        public string ReadString(int max = XdrLimits.StringMax)
        {
            var length = ReadCount(max, "string");
            Need(length + XdrLimits.PaddingFor(length));
            var s = Encoding.UTF8.GetString(_buffer, _position, length);
            _position += length + XdrLimits.PaddingFor(length);
            return s;
        }

        public string? ReadOptionalString(int max = XdrLimits.StringMax) => ReadBool() ? ReadString(max) : null;

        public T? ReadOptional<T>(Func<XdrReader, T> readValue) where T : class => ReadBool() ? readValue(this) : null;

        public T[] ReadArray<T>(int max, Func<XdrReader, T> readItem)
        {
            var count = ReadCount(max, "array");
            // Every element takes at least 4 bytes, so a count larger than the rest of the packet is corrupt:
            // refuse it before allocating.
            if ((long)count * 4 > Remaining) throw Malformed($"array of {count} elements does not fit in the {Remaining} bytes left");
            var items = new T[count];
            for (var i = 0; i < count; i++) items[i] = readItem(this);
            return items;
        }

        /// <summary>char x&lt;max&gt; with each byte widened to a 4-byte word (see XdrWriter.WriteWidenedChars).</summary>
        public byte[] ReadWidenedChars(int max)
        {
            var count = ReadCount(max, "char array");
            Need(count * 4);
            var result = new byte[count];
            for (var i = 0; i < count; i++) result[i] = unchecked((byte)ReadInt());
            return result;
        }

        /// <summary>char x[N] widened to N words: NODE_GET_INFO's model. Stops at the first NUL.</summary>
        public string ReadFixedWidenedCharString(int chars)
        {
            Need(chars * 4);
            var bytes = new List<byte>(chars);
            var ended = false;
            for (var i = 0; i < chars; i++)
            {
                var b = unchecked((byte)ReadInt());
                if (b == 0) ended = true;
                if (!ended) bytes.Add(b);
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        /// <summary>Fails when bytes are left over: used by tests and strict decoders.</summary>
        public void EnsureFullyRead()
        {
            if (Remaining != 0) throw Malformed($"{Remaining} unexpected bytes after the payload");
        }

        private int ReadCount(int max, string what)
        {
            var count = ReadUInt();
            if (count > (uint)max) throw Malformed($"{what} length {count} exceeds the protocol limit {max}");
            return (int)count;
        }

        private void Need(int bytes)
        {
            if (bytes < 0 || _end - _position < bytes)
                throw Malformed($"needed {bytes} more bytes but only {_end - _position} are left");
        }

        internal static LibvirtException Malformed(string why) =>
            new LibvirtException(ErrorCode.Rpc, ErrorDomain.Rpc, "Unable to decode message payload: " + why + ".");
    }
}
