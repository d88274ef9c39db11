using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Rpc;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>The RPC client's buffered packet reader: many replies per read, payloads read whole, nothing lost at the seams.</summary>
    public sealed class PacketReaderTests
    {
        private static byte[] Packet(uint serial, int payloadBytes)
        {
            var payload = Enumerable.Range(0, payloadBytes).Select(i => (byte)(i * 7 + serial)).ToArray();
            return PacketCodec.Encode(new PacketHeader(Programs.Remote, 1, 1, MessageType.Reply, serial, MessageStatus.Ok), payload);
        }

        // Sizes around the buffer's edges: empty, small, one straddling the 64 KiB buffer, one larger than it.
        private static readonly int[] Sizes = { 0, 4, 100, 65536 - 28 - 10, 3, 200_000, 0, 17 };

        private static byte[] Stream(out List<byte[]> packets)
        {
            packets = Sizes.Select((n, i) => Packet((uint)i + 1, n)).ToList();
            return packets.SelectMany(p => p).ToArray();
        }

        [Theory]
        [InlineData(int.MaxValue)] // as much as the stream has
        [InlineData(1)]            // a byte at a time
        [InlineData(4093)]         // reads that end anywhere in a packet
        public async Task Reads_every_packet_whole_whatever_the_read_sizes(int chunk)
        {
            var bytes = Stream(out var packets);
            var reader = new PacketReader(new ChunkedStream(bytes, chunk));
            var admitted = new List<int>();
            foreach (var expected in packets)
            {
                var p = await reader.ReadAsync(admitted.Add, CancellationToken.None);
                var decoded = PacketCodec.Decode(expected);
                Assert.Equal(decoded.Header, p!.Header);
                Assert.Equal(decoded.Payload, p.Payload);
            }
            Assert.Null(await reader.ReadAsync(null, CancellationToken.None));
            Assert.Equal(packets.Select(p => p.Length), admitted);
        }

        [Fact]
        public async Task Takes_several_pipelined_replies_from_one_read()
        {
            var bytes = Enumerable.Range(1, 100).SelectMany(i => Packet((uint)i, 40)).ToArray();
            var stream = new ChunkedStream(bytes, int.MaxValue);
            var reader = new PacketReader(stream);
            for (var i = 1; i <= 100; i++) Assert.Equal((uint)i, (await reader.ReadAsync(null, CancellationToken.None))!.Header.Serial);
            Assert.True(stream.Reads <= 2, $"{stream.Reads} reads for 100 small replies"); // one for all 6.8 KB, one seeing the end
        }

        [Fact]
        public async Task Unbuffered_never_reads_past_the_packet()
        {
            var bytes = Stream(out var packets);
            var stream = new MemoryStream(bytes);
            await PacketCodec.ReadAsync(stream, CancellationToken.None);
            Assert.Equal(packets[0].Length, stream.Position);
        }

        [Theory]
        [InlineData(2)]        // inside the length word
        [InlineData(10)]       // inside the header
        [InlineData(28 + 50)]  // inside the payload
        public async Task A_stream_ending_inside_a_packet_is_EndOfStream(int keep)
        {
            var bytes = Packet(1, 100).Take(keep).ToArray();
            var e = await Assert.ThrowsAsync<EndOfStreamException>(() => new PacketReader(new MemoryStream(bytes)).ReadAsync(null, CancellationToken.None));
            Assert.Contains("middle of a packet", e.Message);
        }

        [Fact]
        public async Task The_budget_refuses_before_the_payload_exists()
        {
            var bytes = Packet(1, 1000);
            var reader = new PacketReader(new MemoryStream(bytes));
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.ReadAsync(n => throw new InvalidOperationException("over budget: " + n), CancellationToken.None));
            Assert.Equal("over budget: 1028", e.Message);
        }

        /// <summary>A read-only stream that returns at most <c>chunk</c> bytes per read, counting its reads.</summary>
        private sealed class ChunkedStream : Stream
        {
            private readonly byte[] _data;
            private readonly int _chunk;
            private int _position;

            public ChunkedStream(byte[] data, int chunk) { _data = data; _chunk = chunk; }

            public int Reads { get; private set; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                Reads++;
                var n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
                Buffer.BlockCopy(_data, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
