using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Xdr;

namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>
    /// Reads whole packets from a stream. The length word is validated (and shown to the budget) before the
    /// payload's buffer exists, and the payload is read straight into an array of its own size: no body buffer
    /// that is then copied. With a read buffer (the RPC client's reader), one read from the stream takes as
    /// many pipelined replies as have arrived, instead of two reads per reply; without one (PacketCodec.ReadAsync),
    /// nothing past the packet is ever read from the stream.
    /// </summary>
    internal sealed class PacketReader
    {
        /// <summary>The RPC client's read buffer: many small replies per read; a large payload bypasses it.</summary>
        public const int DefaultBufferSize = 64 * 1024;

        private readonly Stream _stream;
        private readonly byte[] _buffer;
        private readonly bool _buffered;
        private int _start;
        private int _end;

        public PacketReader(Stream stream, int bufferSize = DefaultBufferSize)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _buffered = bufferSize > 0;
            _buffer = new byte[Math.Max(bufferSize, FrameLimits.MinPacketLength)];
        }

        /// <summary>The next whole packet, or null at a clean end of stream between packets.</summary>
        public async Task<Packet?> ReadAsync(Action<int>? admit, CancellationToken cancellationToken)
        {
            if (!await FillAsync(FrameLimits.LengthWordSize, allowEof: true, 0, cancellationToken).ConfigureAwait(false))
                return null;
            var length = PacketCodec.ValidateLength(new XdrReader(_buffer, _start, FrameLimits.LengthWordSize).ReadUInt());
            admit?.Invoke(length);
            _start += FrameLimits.LengthWordSize;
            await FillAsync(PacketHeader.Size, allowEof: false, FrameLimits.LengthWordSize, cancellationToken).ConfigureAwait(false);
            var header = PacketHeader.Read(new XdrReader(_buffer, _start, PacketHeader.Size));
            _start += PacketHeader.Size;

            var payload = new byte[length - FrameLimits.MinPacketLength];
            var fromBuffer = Math.Min(payload.Length, _end - _start);
            Buffer.BlockCopy(_buffer, _start, payload, 0, fromBuffer);
            _start += fromBuffer;
            var read = fromBuffer;
            while (read < payload.Length)
            {
                var n = await _stream.ReadAsync(payload, read, payload.Length - read, cancellationToken).ConfigureAwait(false);
                if (n == 0) throw MidPacket(FrameLimits.MinPacketLength + read);
                read += n;
            }
            return new Packet(header, payload);
        }

        /// <summary>Makes <paramref name="count"/> bytes available at _start; false at a clean end of stream.</summary>
        private async Task<bool> FillAsync(int count, bool allowEof, int alreadyRead, CancellationToken cancellationToken)
        {
            if (_end - _start >= count) return true;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            while (_end < count)
            {
                // Unbuffered, never read past what this packet needs.
                var room = _buffered ? _buffer.Length - _end : count - _end;
                var n = await _stream.ReadAsync(_buffer, _end, room, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    if (allowEof && _end == 0) return false;
                    throw MidPacket(alreadyRead + _end);
                }
                _end += n;
            }
            return true;
        }

        private static EndOfStreamException MidPacket(int read) =>
            new EndOfStreamException($"The connection closed in the middle of a packet ({read} bytes of it read).");
    }
}
