using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>
    /// A peer that is not a well-behaved libvirt daemon: every reply header that libvirt's own client refuses
    /// is refused here too (the connection closes as broken and every pending call fails at once, with
    /// libvirt's message), frames that cannot be right close the connection, and floods stay bounded.
    /// docs/reliability.md lists each case beside what libvirt's C client does.
    /// </summary>
    public sealed class HostilePeerTests : IDisposable
    {
        private readonly FakeDaemon _daemon = new FakeDaemon();

        public void Dispose() => _daemon.Dispose();

        public static TheoryData<string, ErrorCode, string> BadReplyHeaders => new TheoryData<string, ErrorCode, string>
        {
            { "unknown serial", ErrorCode.Rpc, "no call waiting for reply with prog 536903814 vers 1 serial " },
            { "wrong program", ErrorCode.Rpc, "no call waiting for reply with prog 305419896 vers 1 serial " },
            { "wrong version", ErrorCode.Rpc, "no call waiting for reply with prog 536903814 vers 2 serial " },
            { "wrong procedure", ErrorCode.InternalError, "internal error: Unexpected message proc 3 != 59" },
            { "status CONTINUE", ErrorCode.Rpc, "Unexpected message status 2" },
            { "status out of range", ErrorCode.Rpc, "Unexpected message status 7" },
            { "type CALL", ErrorCode.Rpc, "got unexpected RPC call prog 536903814 vers 1 proc 59 type 0" },
            { "type REPLY_WITH_FDS", ErrorCode.Rpc, "got unexpected RPC call prog 536903814 vers 1 proc 59 type 5" },
            { "type out of range", ErrorCode.Rpc, "got unexpected RPC call prog 536903814 vers 1 proc 59 type 9" },
        };

        private static PacketHeader Corrupt(string how, PacketHeader h) => how switch
        {
            "unknown serial" => With(h, serial: h.Serial + 1000),
            "wrong program" => With(h, program: 0x12345678),
            "wrong version" => With(h, version: 2),
            "wrong procedure" => With(h, procedure: 3),
            "status CONTINUE" => With(h, status: MessageStatus.Continue),
            "status out of range" => With(h, status: (MessageStatus)7),
            "type CALL" => With(h, type: MessageType.Call),
            "type REPLY_WITH_FDS" => With(h, type: MessageType.ReplyWithFds),
            "type out of range" => With(h, type: (MessageType)9),
            _ => throw new ArgumentOutOfRangeException(nameof(how), how, null),
        };

        [Theory]
        [MemberData(nameof(BadReplyHeaders))]
        public async Task A_bad_reply_header_closes_the_connection_and_fails_every_pending_call_at_once(
            string how, ErrorCode code, string libvirtMessage)
        {
            using var client = await _daemon.ConnectClientAsync();
            var first = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, CancellationToken.None);
            var other = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var call = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);

            await _daemon.SendAsync(Corrupt(how, ReplyTo(call.Header)), w => w.WriteString("fake"));

            var e = await Assert.ThrowsAsync<LibvirtException>(() => first).WaitAsync(FakeDaemon.Timeout);
            var e2 = await Assert.ThrowsAsync<LibvirtException>(() => other).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(code, e.Code);
            Assert.Equal(ErrorDomain.Rpc, e.Domain);
            Assert.StartsWith(libvirtMessage, e.Message);
            Assert.Contains("broken", e.Message);
            Assert.Same(e, e2);
            Assert.Same(e, client.Failure);
            await ReadUntilClosed(); // and the client has closed its end
        }

        [Fact]
        public async Task A_call_from_the_daemon_is_a_protocol_violation()
        {
            using var client = await _daemon.ConnectClientAsync();
            var pending = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            await _daemon.SendAsync(new PacketHeader(Programs.Remote, 1, 3, MessageType.Call, 77, MessageStatus.Ok), _ => { });
            var e = await Assert.ThrowsAsync<LibvirtException>(() => pending).WaitAsync(FakeDaemon.Timeout);
            Assert.StartsWith("got unexpected RPC call prog 536903814 vers 1 proc 3 type 0", e.Message);
        }

        [Fact]
        public async Task Stream_data_for_no_stream_and_messages_of_unknown_programs_are_ignored_like_libvirt_does()
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var packet = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            await _daemon.SendAsync(new PacketHeader(Programs.Remote, 1, 3, MessageType.Stream, packet.Header.Serial, MessageStatus.Continue), w => w.WriteUInt(1));
            await _daemon.SendMessageAsync(0x0bad0bad, 1, 1, w => w.WriteUInt(1));
            await _daemon.ReplyAsync(packet, w => w.WriteString("TEST"));
            Assert.Equal("TEST", await call.WaitAsync(FakeDaemon.Timeout));
            Assert.Null(client.Failure);
            Assert.Equal(0, client.BufferedBytes);
        }

        public static TheoryData<string, string, string> BadFrames => new TheoryData<string, string, string>
        {
            { "length word below the header size", "00000003 00000000", "shorter than the 28-byte minimum" },
            { "length word of 2 GiB", "7fffffff", "exceeds the maximum" },
            { "length word one past 4 + 32 MiB", "02000005", "exceeds the maximum" },
            { "random bytes", "c8a1f00d 5eed5eed 00000000", "exceeds the maximum" },
        };

        [Theory]
        [MemberData(nameof(BadFrames))]
        public async Task A_frame_that_cannot_be_right_closes_the_connection_before_anything_is_allocated(string what, string bytes, string why)
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            await _daemon.SendRawAsync(Hex.Bytes(bytes));
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Contains(why, e.Message);
            Assert.Equal(0, client.BufferedBytes);
            _ = what;
        }

        [Fact]
        public async Task A_connection_closed_in_the_middle_of_a_packet_fails_the_call_as_a_lost_connection()
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var packet = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            var w = new XdrWriter();
            w.WriteString("TEST");
            var whole = PacketCodec.Encode(ReplyTo(packet.Header), w.ToArray());
            await _daemon.SendRawAsync(whole.AsSpan(0, 20).ToArray());
            _daemon.DropConnection();
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.SystemError, e.Code);
            Assert.Contains("middle of a packet", e.Message);
        }

        [Theory]
        [InlineData("00000064 61626364", false)] // a string of 100 bytes with 4 present
        [InlineData("ffffffff ffffffff", true)]  // a remote_error that is not one
        public async Task A_payload_that_does_not_decode_fails_that_call_only_like_libvirt(string payload, bool asError)
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, CancellationToken.None);
            var packet = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            var header = ReplyTo(packet.Header);
            if (asError) header = With(header, status: MessageStatus.Error);
            await _daemon.SendRawAsync(PacketCodec.Encode(header, Hex.Bytes(payload)));
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.StartsWith("Unable to decode message payload", e.Message);

            // The frame was whole, so the stream is still in step: the connection stays usable.
            var next = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ReplyAsync(await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType), w => w.WriteString("TEST"));
            Assert.Equal("TEST", await next.WaitAsync(FakeDaemon.Timeout));
        }

        [Fact]
        public async Task A_ping_flood_from_a_peer_that_does_not_read_closes_the_connection_with_the_pong_queue_bounded()
        {
            var limits = new RpcLimits { MaxQueuedPongs = 8 };
            using var client = await _daemon.ConnectClientAsync(limits);
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            var ping = PacketCodec.Encode(new PacketHeader(Programs.KeepAlive, 1, (int)KeepAliveProcedure.Ping, MessageType.Message, 0, MessageStatus.Ok), Array.Empty<byte>());
            var burst = new byte[ping.Length * 4096];
            for (var i = 0; i < 4096; i++) Buffer.BlockCopy(ping, 0, burst, i * ping.Length, ping.Length);
            var maxQueued = 0;
            // The fake never reads, so our PONGs fill the socket buffers and then queue up, until the bound.
            var flood = Task.Run(async () =>
            {
                try { while (client.Failure == null) await _daemon.SendRawAsync(burst); }
                catch (System.IO.IOException) { } // the client closed the connection, as it should
                catch (System.Net.Sockets.SocketException) { }
            });
            while (!call.IsCompleted)
            {
                maxQueued = Math.Max(maxQueued, client.QueuedPongs);
                await Task.Delay(1);
            }
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Contains("flooded", e.Message);
            Assert.InRange(maxQueued, 0, limits.MaxQueuedPongs + 1);
            Assert.InRange(client.QueuedPongs, 0, limits.MaxQueuedPongs + 1);
            _daemon.DropConnection();
            await flood.WaitAsync(FakeDaemon.Timeout);
        }

        [Fact]
        public async Task Calls_get_through_a_ping_flood_from_a_peer_that_reads_the_pongs()
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var packet = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            var pongs = 0;
            for (var i = 0; i < 2000; i++)
            {
                await _daemon.SendMessageAsync(Programs.KeepAlive, (int)KeepAliveProcedure.Ping, 0, _ => { });
                var pong = await _daemon.ReadAsync();
                if (pong.Header.Procedure == (int)KeepAliveProcedure.Pong) pongs++;
            }
            await _daemon.ReplyAsync(packet, w => w.WriteString("TEST"));
            Assert.Equal("TEST", await call.WaitAsync(FakeDaemon.Timeout));
            Assert.Equal(2000, pongs);
            Assert.Null(client.Failure);
        }

        [Fact]
        public async Task An_event_flood_is_delivered_as_it_comes_and_nothing_is_queued_and_a_garbled_event_is_dropped()
        {
            using var client = await _daemon.ConnectClientAsync();
            var delivered = 0;
            long maxBuffered = 0;
            using var subscription = client.Subscribe(Programs.Remote, (int)RemoteProcedure.DomainEventCallbackLifecycle, p =>
            {
                maxBuffered = Math.Max(maxBuffered, client.BufferedBytes);
                DomainLifecycleEvent.Read(new XdrReader(p.Payload)); // throws on the garbled one: the client drops it
                delivered++;
            });
            var w = new XdrWriter();
            w.WriteInt(1);
            DomainIdentityCodec.Write(w, new Engine.Model.DomainIdentity("flood", Guid.NewGuid(), 1));
            w.WriteInt(2);
            w.WriteInt(0);
            var one = PacketCodec.Encode(new PacketHeader(Programs.Remote, 1, (int)RemoteProcedure.DomainEventCallbackLifecycle, MessageType.Message, 1, MessageStatus.Ok), w.ToArray());
            var burst = new byte[one.Length * 1000];
            for (var i = 0; i < 1000; i++) Buffer.BlockCopy(one, 0, burst, i * one.Length, one.Length);
            for (var i = 0; i < 10; i++) await _daemon.SendRawAsync(burst);
            await _daemon.SendMessageAsync(Programs.Remote, (int)RemoteProcedure.DomainEventCallbackLifecycle, 1, x => x.WriteUInt(0xffffffff));

            // A call after the flood is answered: the reader kept up, and the garbled event did not break the connection.
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ReplyAsync(await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType), x => x.WriteString("TEST"));
            Assert.Equal("TEST", await call.WaitAsync(FakeDaemon.Timeout));
            Assert.Equal(10000, delivered);
            Assert.InRange(maxBuffered, 0, one.Length); // only the event being handled is held
            Assert.Equal(0, client.BufferedBytes);
            Assert.Null(client.Failure);
        }

        [Fact]
        public async Task A_reply_larger_than_the_memory_budget_closes_the_connection_before_its_buffer_exists()
        {
            var limits = new RpcLimits { MemoryBudgetBytes = 64 * 1024 };
            using var client = await _daemon.ConnectClientAsync(limits);
            var call = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, CancellationToken.None);
            var packet = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            // Only the length word and header of a 1 MiB reply: refused on the length alone.
            var header = new XdrWriter();
            header.WriteUInt(1024 * 1024);
            ReplyTo(packet.Header).Write(header);
            await _daemon.SendRawAsync(header.ToArray());
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Contains("memory budget of 65536 bytes", e.Message);
            Assert.Equal(0, client.BufferedBytes);
        }

        [Fact]
        public async Task Calls_past_the_pending_limit_wait_for_a_free_slot_and_are_then_sent()
        {
            var limits = new RpcLimits { MaxPendingCalls = 2 };
            using var client = await _daemon.ConnectClientAsync(limits);
            var a = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var b = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var c = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, CancellationToken.None);
            var first = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            var second = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            Assert.InRange(client.PendingCount, 0, 2);
            Assert.False(c.IsCompleted);
            await _daemon.ReplyAsync(first, w => w.WriteString("A"));
            // Only now is the third call sent.
            var third = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            await _daemon.ReplyAsync(second, w => w.WriteString("B"));
            await _daemon.ReplyAsync(third, w => w.WriteString("host"));
            Assert.Equal(new[] { "A", "B", "host" }, await Task.WhenAll(a, b, c).WaitAsync(FakeDaemon.Timeout));
            Assert.Equal(0, client.BufferedBytes);
        }

        [Fact]
        public async Task Late_replies_to_many_cancelled_calls_are_dropped_and_the_connection_stays_usable()
        {
            using var client = await _daemon.ConnectClientAsync();
            var packets = new Packet[20];
            using (var cts = new CancellationTokenSource())
            {
                var calls = new Task<string>[20];
                for (var i = 0; i < 20; i++) calls[i] = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, cts.Token);
                for (var i = 0; i < 20; i++) packets[i] = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
                cts.Cancel();
                foreach (var t in calls) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t);
            }
            foreach (var p in packets) await _daemon.ReplyAsync(p, w => w.WriteString("late"));
            var next = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ReplyAsync(await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType), w => w.WriteString("TEST"));
            Assert.Equal("TEST", await next.WaitAsync(FakeDaemon.Timeout));
            Assert.Null(client.Failure);
            Assert.Equal(0, client.BufferedBytes);
        }

        private async Task ReadUntilClosed()
        {
            try { while (true) await _daemon.ReadAsync(); }
            catch (System.IO.IOException) { } // EndOfStreamException included
        }

        private static PacketHeader ReplyTo(PacketHeader call) =>
            new PacketHeader(call.Program, call.Version, call.Procedure, MessageType.Reply, call.Serial, MessageStatus.Ok);

        private static PacketHeader With(PacketHeader h, uint? program = null, uint? version = null, int? procedure = null,
            MessageType? type = null, uint? serial = null, MessageStatus? status = null) =>
            new PacketHeader(program ?? h.Program, version ?? h.Version, procedure ?? h.Procedure, type ?? h.Type, serial ?? h.Serial, status ?? h.Status);
    }
}
