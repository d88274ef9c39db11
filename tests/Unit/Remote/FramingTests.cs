using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Engine.Errors;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    public sealed class FramingTests
    {
        private const string Ping = @"
            0000001c  // length 28: the length word counts itself
            6b656570  // program KEEPALIVE ('keep')
            00000001  // version
            00000001  // procedure PING
            00000002  // type MESSAGE
            00000000  // serial
            00000000  // status OK";

        [Fact]
        public void Keepalive_ping_is_exactly_28_bytes()
        {
            var header = new PacketHeader(Programs.KeepAlive, 1, (int)KeepAliveProcedure.Ping, MessageType.Message, 0, MessageStatus.Ok);
            Assert.Equal(Hex.Bytes(Ping), PacketCodec.Encode(header, Array.Empty<byte>()));
        }

        [Fact]
        public void Auth_list_reply_decodes()
        {
            var bytes = Hex.Bytes(@"
                00000024  // length 36 = 4 + 24 + 8
                20008086  // REMOTE_PROGRAM
                00000001 00000042  // version 1, procedure 66 AUTH_LIST
                00000001 00000000 00000000  // REPLY, serial 0, OK
                00000001 00000000  // types<> = [ NONE ]");
            var p = PacketCodec.Decode(bytes);
            Assert.Equal(Programs.Remote, p.Header.Program);
            Assert.Equal(66, p.Header.Procedure);
            Assert.Equal(MessageType.Reply, p.Header.Type);
            Assert.Equal(MessageStatus.Ok, p.Header.Status);
            Assert.Equal(Hex.Bytes("00000001 00000000"), p.Payload);
            Assert.Equal(bytes, PacketCodec.Encode(p.Header, p.Payload));
        }

        [Fact]
        public async Task Reads_whole_packets_from_a_stream_delivered_in_pieces()
        {
            var one = Hex.Bytes(Ping);
            var two = PacketCodec.Encode(new PacketHeader(Programs.Remote, 1, 3, MessageType.Reply, 9, MessageStatus.Ok), Hex.Bytes("00000004 54455354"));
            using var stream = new TrickleStream(Concat(one, two));
            var first = await PacketCodec.ReadAsync(stream, CancellationToken.None);
            var second = await PacketCodec.ReadAsync(stream, CancellationToken.None);
            Assert.Equal((int)KeepAliveProcedure.Ping, first!.Header.Procedure);
            Assert.Equal(9u, second!.Header.Serial);
            Assert.Equal(8, second.Payload.Length);
            Assert.Null(await PacketCodec.ReadAsync(stream, CancellationToken.None)); // clean end between packets
        }

        [Fact]
        public async Task Oversize_length_is_rejected_before_reading_or_allocating_the_body()
        {
            // Only the length word is there: had the reader tried to allocate or read the body, it would have hit
            // end of stream instead of reporting the limit.
            using var stream = new MemoryStream(Hex.Bytes("02000005"));
            var e = await Assert.ThrowsAsync<LibvirtException>(() => PacketCodec.ReadAsync(stream, CancellationToken.None));
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Contains("33554437", e.Message);
            Assert.Equal(4, stream.Position);
        }

        [Fact]
        public async Task The_largest_legal_packet_is_accepted()
        {
            var header = new PacketHeader(Programs.Remote, 1, 1, MessageType.Reply, 0, MessageStatus.Ok);
            var max = PacketCodec.Encode(header, new byte[FrameLimits.MaxPayload]);
            Assert.Equal(33554436, max.Length);
            using var stream = new MemoryStream(max);
            Assert.Equal(FrameLimits.MaxPayload, (await PacketCodec.ReadAsync(stream, CancellationToken.None))!.Payload.Length);
            Assert.Throws<LibvirtException>(() => PacketCodec.Encode(header, new byte[FrameLimits.MaxPayload + 1]));
        }

        [Theory]
        [InlineData("00000000")]
        [InlineData("0000001b")]
        public async Task Length_shorter_than_a_header_is_rejected(string length)
        {
            using var stream = new MemoryStream(Hex.Bytes(length + "00000000"));
            await Assert.ThrowsAsync<LibvirtException>(() => PacketCodec.ReadAsync(stream, CancellationToken.None));
        }

        [Fact]
        public async Task End_of_stream_inside_a_packet_is_an_error()
        {
            using var stream = new MemoryStream(Hex.Bytes("0000001c 6b656570 00000001"));
            await Assert.ThrowsAsync<EndOfStreamException>(() => PacketCodec.ReadAsync(stream, CancellationToken.None));
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }

        /// <summary>A stream that hands out at most 3 bytes per read, like a slow socket.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            public TrickleStream(byte[] data) : base(data) { }
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
                base.ReadAsync(buffer, offset, Math.Min(3, count), ct);
        }
    }
}
