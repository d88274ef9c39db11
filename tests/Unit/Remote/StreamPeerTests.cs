using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>
    /// Streams (protocol.md §1.8) against a scripted daemon: every status both ways, holes, finish, abort,
    /// the daemon's error mid-stream, a daemon that dies mid-stream, cancellation, and back-pressure.
    /// </summary>
    public sealed class StreamPeerTests : IDisposable
    {
        private static readonly DomainIdentity Test = new DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        private readonly FakeDaemon _daemon = new FakeDaemon();

        public void Dispose() => _daemon.Dispose();

        /// <summary>Opens a screenshot stream; the fake answers the call with mime "image/x-portable-pixmap".</summary>
        private async Task<(RpcStream Stream, Packet Call)> OpenAsync(RpcClient client)
        {
            var open = client.OpenStreamAsync(ConsoleProcedures.DomainScreenshot, new ScreenshotArgs(Test, 0), CancellationToken.None);
            var call = await _daemon.ExpectCallAsync(RemoteProcedure.DomainScreenshot);
            await _daemon.ReplyAsync(call, w => w.WriteOptionalString("image/x-portable-pixmap"));
            var (mime, stream) = await open.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal("image/x-portable-pixmap", mime);
            return (stream, call);
        }

        // Stream data is raw bytes, not XDR opaque: no length word, no padding.
        private Task SendStreamAsync(Packet call, MessageStatus status, byte[] data) =>
            _daemon.SendRawAsync(PacketCodec.Encode(Header(call, MessageType.Stream, status), data));

        private Task SendHoleAsync(Packet call, long length) =>
            _daemon.SendAsync(Header(call, MessageType.StreamHole, MessageStatus.Continue), w => { w.WriteHyper(length); w.WriteUInt(0); });

        private static PacketHeader Header(Packet call, MessageType type, MessageStatus status) =>
            new PacketHeader(call.Header.Program, call.Header.Version, call.Header.Procedure, type, call.Header.Serial, status);

        private async Task<Packet> ExpectStreamPacketAsync(Packet call)
        {
            Packet p;
            do p = await _daemon.ReadAsync(); while (p.Header.Program == Programs.KeepAlive);
            Assert.Equal(call.Header.Serial, p.Header.Serial);
            Assert.Equal(call.Header.Procedure, p.Header.Procedure);
            return p;
        }

        private static byte[] Bytes(int n, byte seed) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + seed)).ToArray();

        [Fact]
        public async Task Read_stream_hands_out_data_and_holes_in_order_then_the_empty_packet_is_the_end_and_finish_waits_for_the_daemons_ok()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(1000, 1));
            await SendHoleAsync(call, 5000);
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(3, 2));
            await SendStreamAsync(call, MessageStatus.Continue, Array.Empty<byte>()); // the end, as libvirt's daemon says it

            var a = await stream.ReadAsync(CancellationToken.None);
            Assert.Equal(Bytes(1000, 1), a.Data);
            var hole = await stream.ReadAsync(CancellationToken.None);
            Assert.True(hole.IsHole);
            Assert.Equal(5000, hole.HoleLength);
            Assert.Equal(Bytes(3, 2), (await stream.ReadAsync(CancellationToken.None)).Data);
            Assert.True((await stream.ReadAsync(CancellationToken.None)).IsEnd);
            Assert.True((await stream.ReadAsync(CancellationToken.None)).IsEnd);

            var finish = stream.FinishAsync(CancellationToken.None);
            var ok = await ExpectStreamPacketAsync(call);
            Assert.Equal(MessageType.Stream, ok.Header.Type);
            Assert.Equal(MessageStatus.Ok, ok.Header.Status);
            Assert.Empty(ok.Payload);
            Assert.False(finish.IsCompleted);
            await SendStreamAsync(call, MessageStatus.Ok, Array.Empty<byte>());
            await finish.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(0, client.StreamCount);
            Assert.Equal(0, client.BufferedBytes);
        }

        [Fact]
        public async Task Copy_to_a_file_keeps_holes_as_holes_or_writes_zeros()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(10, 1));
            await SendHoleAsync(call, 100);
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(10, 2));
            await SendStreamAsync(call, MessageStatus.Ok, Array.Empty<byte>());
            var copy = Task.Run(async () =>
            {
                using var file = new MemoryStream();
                var n = await stream.CopyToAsync(file, sparse: true, null, CancellationToken.None);
                return (n, file.ToArray());
            });
            await ExpectStreamPacketAsync(call); // the finish
            await SendStreamAsync(call, MessageStatus.Ok, Array.Empty<byte>());
            var (total, bytes) = await copy.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(120, total);
            Assert.Equal(Bytes(10, 1).Concat(new byte[100]).Concat(Bytes(10, 2)), bytes);
        }

        [Fact]
        public async Task The_daemons_error_mid_stream_is_thrown_with_its_code_and_the_connection_stays_usable()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(10, 1));
            await _daemon.SendAsync(Header(call, MessageType.Stream, MessageStatus.Error),
                w => RemoteError.Create(ErrorCode.OperationFailed, ErrorDomain.Qemu, "screendump failed").Write(w));
            var e = await Assert.ThrowsAsync<LibvirtException>(async () => { while (!(await stream.ReadAsync(CancellationToken.None)).IsEnd) { } });
            Assert.Equal(ErrorCode.OperationFailed, e.Code);
            Assert.Contains("screendump failed", e.Message);
            await Assert.ThrowsAsync<LibvirtException>(() => stream.FinishAsync(CancellationToken.None));
            Assert.Equal(0, client.StreamCount);

            var next = client.CallAsync(DomainProcedures.DomainLookupByName, "test", CancellationToken.None);
            var p = await _daemon.ExpectCallAsync(RemoteProcedure.DomainLookupByName);
            await _daemon.ReplyAsync(p, w => DomainIdentityCodec.Write(w, Test));
            Assert.Equal("test", (await next.WaitAsync(FakeDaemon.Timeout)).Name);
        }

        [Fact]
        public async Task Abort_sends_an_empty_error_packet_and_the_daemons_answering_error_reply_is_dropped()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            await stream.AbortAsync();
            var abort = await ExpectStreamPacketAsync(call);
            Assert.Equal(MessageType.Stream, abort.Header.Type);
            Assert.Equal(MessageStatus.Error, abort.Header.Status);
            Assert.Empty(abort.Payload);
            // What a libvirt daemon answers, plus data it had already sent: neither breaks the connection.
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(10, 1));
            await _daemon.SendAsync(new PacketHeader(call.Header.Program, 1, call.Header.Procedure, MessageType.Reply, call.Header.Serial, MessageStatus.Error),
                w => RemoteError.Create(ErrorCode.Rpc, ErrorDomain.Streams, "stream aborted at client request").Write(w));
            var e = await Assert.ThrowsAsync<LibvirtException>(() => stream.ReadAsync(CancellationToken.None));
            Assert.Equal(ErrorCode.OperationAborted, e.Code);

            var next = client.CallAsync(DomainProcedures.DomainLookupByName, "test", CancellationToken.None);
            var p = await _daemon.ExpectCallAsync(RemoteProcedure.DomainLookupByName);
            await _daemon.ReplyAsync(p, w => DomainIdentityCodec.Write(w, Test));
            await next.WaitAsync(FakeDaemon.Timeout);
            Assert.Null(client.Failure);
            Assert.Equal(0, client.BufferedBytes);
        }

        [Fact]
        public async Task Cancelling_a_read_aborts_the_stream_on_the_daemon()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            using var cts = new CancellationTokenSource();
            var read = stream.ReadAsync(cts.Token);
            await Task.Delay(50);
            Assert.False(read.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read).WaitAsync(FakeDaemon.Timeout);
            var abort = await ExpectStreamPacketAsync(call);
            Assert.Equal(MessageStatus.Error, abort.Header.Status);
            Assert.Equal(0, client.StreamCount);
        }

        [Fact]
        public async Task Disposing_an_unfinished_stream_aborts_it()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            stream.Dispose();
            var abort = await ExpectStreamPacketAsync(call);
            Assert.Equal(MessageStatus.Error, abort.Header.Status);
        }

        [Fact]
        public async Task A_daemon_that_dies_mid_stream_fails_the_reader_with_the_connections_error()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            await SendStreamAsync(call, MessageStatus.Continue, Bytes(10, 1));
            Assert.Equal(10, (await stream.ReadAsync(CancellationToken.None)).Data!.Length);
            var waiting = stream.ReadAsync(CancellationToken.None);
            _daemon.DropConnection();
            var e = await Assert.ThrowsAsync<LibvirtException>(() => waiting).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.SystemError, e.Code);
            await Assert.ThrowsAsync<LibvirtException>(() => stream.WriteAsync(new byte[1], 0, 1, CancellationToken.None));
        }

        [Fact]
        public async Task The_opening_calls_error_is_thrown_and_no_stream_is_left()
        {
            using var client = await _daemon.ConnectClientAsync();
            var open = client.OpenStreamAsync(ConsoleProcedures.DomainScreenshot, new ScreenshotArgs(Test, 0), CancellationToken.None);
            var call = await _daemon.ExpectCallAsync(RemoteProcedure.DomainScreenshot);
            await _daemon.ReplyErrorAsync(call, ErrorCode.OperationInvalid, ErrorDomain.Qemu, "Requested operation is not valid: domain is not running");
            var e = await Assert.ThrowsAsync<LibvirtException>(() => open).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.OperationInvalid, e.Code);
            Assert.Equal(0, client.StreamCount);
        }

        [Fact]
        public async Task Writes_go_in_libvirts_chunks_holes_as_hole_packets_and_finish_waits_for_the_daemon()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            var data = Bytes(RpcStream.ChunkSize * 2 + 5, 3);
            var write = stream.WriteAsync(data, 0, data.Length, CancellationToken.None);
            var received = new MemoryStream();
            for (var i = 0; i < 3; i++)
            {
                var p = await ExpectStreamPacketAsync(call);
                Assert.Equal(MessageType.Stream, p.Header.Type);
                Assert.Equal(MessageStatus.Continue, p.Header.Status);
                Assert.True(p.Payload.Length <= RpcStream.ChunkSize);
                received.Write(p.Payload);
            }
            await write.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(data, received.ToArray());

            await stream.WriteHoleAsync(1L << 32, CancellationToken.None);
            var hole = await ExpectStreamPacketAsync(call);
            Assert.Equal(MessageType.StreamHole, hole.Header.Type);
            Assert.Equal(MessageStatus.Continue, hole.Header.Status);
            Assert.Equal(Hex.Bytes("00000001 00000000 00000000"), hole.Payload);

            var finish = stream.FinishAsync(CancellationToken.None);
            Assert.Equal(MessageStatus.Ok, (await ExpectStreamPacketAsync(call)).Header.Status);
            await SendStreamAsync(call, MessageStatus.Ok, Array.Empty<byte>());
            await finish.WaitAsync(FakeDaemon.Timeout);
        }

        [Fact]
        public async Task A_finish_the_daemon_refuses_throws_its_error()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            var finish = stream.FinishAsync(CancellationToken.None);
            await ExpectStreamPacketAsync(call);
            await _daemon.SendAsync(new PacketHeader(call.Header.Program, 1, call.Header.Procedure, MessageType.Reply, call.Header.Serial, MessageStatus.Error),
                w => RemoteError.Create(ErrorCode.StorageProbeFailed, ErrorDomain.Storage, "short write").Write(w));
            var e = await Assert.ThrowsAsync<LibvirtException>(() => finish).WaitAsync(FakeDaemon.Timeout);
            Assert.Contains("short write", e.Message);
            Assert.Null(client.Failure);
        }

        [Fact]
        public async Task A_malformed_hole_breaks_the_connection()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            await _daemon.SendAsync(Header(call, MessageType.StreamHole, MessageStatus.Continue), w => { w.WriteHyper(-5); w.WriteUInt(0); });
            var e = await Assert.ThrowsAsync<LibvirtException>(() => stream.ReadAsync(CancellationToken.None)).WaitAsync(FakeDaemon.Timeout);
            Assert.Contains("malformed stream hole", e.Message);
            Assert.NotNull(client.Failure);
        }

        [Fact]
        public async Task A_fast_daemon_and_a_slow_reader_hold_a_few_MiB_however_long_the_stream_is()
        {
            using var client = await _daemon.ConnectClientAsync();
            var (stream, call) = await OpenAsync(client);
            const int Chunks = 400; // 100 MiB in libvirt's chunks
            var chunk = Bytes(RpcStream.ChunkSize, 9);
            var daemonDone = Task.Run(async () =>
            {
                for (var i = 0; i < Chunks; i++) await SendStreamAsync(call, MessageStatus.Continue, chunk);
                await SendStreamAsync(call, MessageStatus.Ok, Array.Empty<byte>());
            });
            long total = 0, maxHeld = 0;
            await Task.Delay(300); // the daemon runs ahead; the client stops reading the socket
            Assert.False(daemonDone.IsCompleted);
            while (true)
            {
                maxHeld = Math.Max(maxHeld, client.BufferedBytes);
                var c = await stream.ReadAsync(CancellationToken.None).WaitAsync(FakeDaemon.Timeout);
                if (c.IsEnd) break;
                total += c.Data!.Length;
            }
            await daemonDone.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal((long)Chunks * RpcStream.ChunkSize, total);
            // 4 MiB of queue plus the packet that passed it plus the one being read.
            Assert.InRange(maxHeld, 1, 4L * 1024 * 1024 + 3L * (RpcStream.ChunkSize + 28));
        }
    }
}
