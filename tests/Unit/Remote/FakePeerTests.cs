using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>What a real daemon will not do on demand: errors, reordering, events, drops, silence, garbage.</summary>
    public sealed class FakePeerTests : IDisposable
    {
        private static readonly DomainIdentity Test = new DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        private readonly FakeDaemon _daemon = new FakeDaemon();

        public void Dispose() => _daemon.Dispose();

        [Fact]
        public async Task Handshake_is_auth_list_keepalive_probe_then_open_and_close_on_dispose()
        {
            var options = new ConnectOptions { ReadOnly = true, KeepAliveInterval = TimeSpan.FromSeconds(30) };
            var open = Task.Run(() => Drivers.Remote.RemoteDriver.Open(Engine.Uris.LibvirtUri.Parse(_daemon.TestUri), options, CancellationToken.None));
            await _daemon.AcceptAsync();

            var auth = await _daemon.ExpectCallAsync(RemoteProcedure.AuthList);
            Assert.Equal(0u, auth.Header.Serial); // like libvirt's client, serials start at 0
            await _daemon.ReplyAsync(auth, w => { w.WriteUInt(1); w.WriteInt(0); });
            var probe = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectSupportsFeature);
            Assert.Equal(Hex.Bytes("0000000a"), probe.Payload); // feature 10 PROGRAM_KEEPALIVE
            await _daemon.ReplyAsync(probe, w => w.WriteInt(1));
            var connect = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectOpen);
            // name "test:///default" (socket= stripped), flags 1 = read-only
            Assert.Equal(Hex.Bytes("00000001 0000000f 746573743a2f2f2f64656661756c7400 00000001"), connect.Payload);
            await _daemon.ReplyAsync(connect, _ => { });
            var driver = await open.WaitAsync(FakeDaemon.Timeout);

            var dispose = Task.Run(driver.Dispose);
            var close = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectClose);
            await _daemon.ReplyAsync(close, _ => { });
            await dispose.WaitAsync(FakeDaemon.Timeout);
        }

        [Fact]
        public async Task Polkit_auth_is_one_call_and_sasl_is_a_clear_no_support()
        {
            var open = Task.Run(() => Drivers.Remote.RemoteDriver.Open(Engine.Uris.LibvirtUri.Parse(_daemon.TestUri), new ConnectOptions { KeepAliveInterval = TimeSpan.Zero }, CancellationToken.None));
            await _daemon.AcceptAsync();
            var auth = await _daemon.ExpectCallAsync(RemoteProcedure.AuthList);
            await _daemon.ReplyAsync(auth, w => { w.WriteUInt(1); w.WriteInt((int)AuthType.Sasl); });
            var e = await Assert.ThrowsAsync<LibvirtException>(() => open);
            Assert.Equal(ErrorCode.NoSupport, e.Code);
            Assert.Contains("SASL", e.Message);

            using var daemon2 = new FakeDaemon();
            var open2 = Task.Run(() => Drivers.Remote.RemoteDriver.Open(Engine.Uris.LibvirtUri.Parse(daemon2.TestUri), new ConnectOptions { KeepAliveInterval = TimeSpan.Zero }, CancellationToken.None));
            await daemon2.AcceptAsync();
            await daemon2.ReplyAsync(await daemon2.ExpectCallAsync(RemoteProcedure.AuthList), w => { w.WriteUInt(1); w.WriteInt((int)AuthType.Polkit); });
            await daemon2.ReplyAsync(await daemon2.ExpectCallAsync(RemoteProcedure.AuthPolkit), w => w.WriteInt(1));
            await daemon2.ReplyAsync(await daemon2.ExpectCallAsync(RemoteProcedure.ConnectOpen), _ => { });
            var driver = await open2.WaitAsync(FakeDaemon.Timeout);
            daemon2.DropConnection();
            driver.Dispose();
        }

        [Fact]
        public async Task Error_reply_becomes_a_libvirt_exception_with_the_daemons_code()
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(DomainProcedures.DomainLookupByName, "nope", CancellationToken.None);
            var packet = await _daemon.ExpectCallAsync(RemoteProcedure.DomainLookupByName);
            await _daemon.ReplyErrorAsync(packet, ErrorCode.NoDomain, ErrorDomain.Qemu, "Domain not found: no domain with matching name 'nope'");
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call);
            Assert.Equal(ErrorCode.NoDomain, e.Code);
            Assert.Equal(ErrorDomain.Qemu, e.Domain);
            Assert.True(e.IsNotFound);
            Assert.Contains("'nope'", e.Message);

            // The connection is still fine afterwards.
            var next = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ReplyAsync(await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType), w => w.WriteString("QEMU"));
            Assert.Equal("QEMU", await next);
        }

        [Fact]
        public async Task Unknown_procedure_error_becomes_no_support_and_the_driver_falls_back()
        {
            var driver = await _daemon.OpenDriverAsync();
            var start = Task.Run(() => driver.Domains().StartAsync(Test, CancellationToken.None));
            var modern = await _daemon.ExpectCallAsync(RemoteProcedure.DomainCreateWithFlags);
            await _daemon.ReplyErrorAsync(modern, ErrorCode.Rpc, ErrorDomain.Rpc, "unknown procedure: 196");
            var legacy = await _daemon.ExpectCallAsync(RemoteProcedure.DomainCreate);
            await _daemon.ReplyAsync(legacy, _ => { });
            await start.WaitAsync(FakeDaemon.Timeout);
        }

        [Fact]
        public async Task Concurrent_calls_get_their_own_replies_when_answered_out_of_order()
        {
            using var client = await _daemon.ConnectClientAsync();
            var names = new[] { "a", "b", "c", "d", "e" };
            var calls = names.Select(n => client.CallAsync(DomainProcedures.DomainLookupByName, n, CancellationToken.None)).ToArray();
            var packets = new Packet[names.Length];
            for (var i = 0; i < names.Length; i++) packets[i] = await _daemon.ExpectCallAsync(RemoteProcedure.DomainLookupByName);
            Assert.Equal(names.Length, packets.Select(p => p.Header.Serial).Distinct().Count());

            foreach (var p in packets.Reverse())
            {
                var name = new XdrReader(p.Payload).ReadString();
                await _daemon.ReplyAsync(p, w => DomainIdentityCodec.Write(w, new DomainIdentity(name, Guid.NewGuid(), name[0])));
            }
            var results = await Task.WhenAll(calls).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(names, results.Select(d => d.Name));
            Assert.Equal(names.Select(n => (int)n[0]), results.Select(d => d.Id));
        }

        [Fact]
        public async Task Server_events_reach_subscribers_by_program_and_procedure_not_serial()
        {
            var driver = await _daemon.OpenDriverAsync();
            var events = new BlockingCollection<Engine.Events.DomainEvent>();
            var subscribe = driver.SubscribeAsync(Engine.Events.DomainEventKind.Lifecycle, events.Add, CancellationToken.None);
            var register = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackRegisterAny);
            Assert.Equal(Hex.Bytes("00000000 00000000"), register.Payload); // event LIFECYCLE, all domains
            await _daemon.ReplyAsync(register, w => w.WriteInt(7));
            var subscription = await subscribe.WaitAsync(FakeDaemon.Timeout);

            // libvirt 9.0 sends events with serial 1, which may equal a pending call's serial: never match them to calls.
            await _daemon.SendMessageAsync(Programs.Remote, (int)RemoteProcedure.DomainEventCallbackLifecycle, 1, w =>
            {
                w.WriteInt(99); DomainIdentityCodec.Write(w, Test); w.WriteInt(2); w.WriteInt(0); // someone else's callback
            });
            await _daemon.SendMessageAsync(Programs.Remote, (int)RemoteProcedure.DomainEventCallbackLifecycle, 1, w =>
            {
                w.WriteInt(7); DomainIdentityCodec.Write(w, Test); w.WriteInt(3); w.WriteInt(0); // suspended/paused
            });
            Assert.True(events.TryTake(out var e, FakeDaemon.Timeout));
            Assert.Equal(("test", Engine.Events.DomainLifecycleEventType.Suspended, "Paused"), (e!.DomainName, e.Lifecycle, e.Detail));
            Assert.Empty(events);

            var unsubscribe = Task.Run(subscription.Dispose);
            var deregister = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackDeregisterAny);
            Assert.Equal(Hex.Bytes("00000007"), deregister.Payload);
            await _daemon.ReplyAsync(deregister, _ => { });
            await unsubscribe.WaitAsync(FakeDaemon.Timeout);
        }

        [Fact]
        public async Task Dropped_connection_fails_every_pending_call_and_later_calls()
        {
            using var client = await _daemon.ConnectClientAsync();
            LibvirtException? closedWith = null;
            bool? callsAlreadyFailed = null;
            Task<string>? first = null;
            // The contract: Closed is raised before any pending call fails, so whoever watches the
            // connection knows it is dead by the time a caller sees the error.
            client.Closed += e => { closedWith = e; callsAlreadyFailed = first!.IsCompleted; };
            first = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, CancellationToken.None);
            var second = client.CallAsync(ConnectProcedures.NodeGetInfo, None.Value, CancellationToken.None);
            await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            await _daemon.ExpectCallAsync(RemoteProcedure.NodeGetInfo);
            _daemon.DropConnection();

            var e1 = await Assert.ThrowsAsync<LibvirtException>(() => first).WaitAsync(FakeDaemon.Timeout);
            var e2 = await Assert.ThrowsAsync<LibvirtException>(() => second).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.SystemError, e1.Code);
            Assert.Contains("closed", e1.Message);
            Assert.Equal(e1.Message, e2.Message);
            Assert.Same(e1, closedWith);
            Assert.False(callsAlreadyFailed);
            var later = await Assert.ThrowsAsync<LibvirtException>(() => client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None));
            Assert.Equal(e1.Message, later.Message);
        }

        [Fact]
        public async Task Keepalive_ping_from_the_daemon_is_answered_with_pong()
        {
            using var client = await _daemon.ConnectClientAsync();
            await _daemon.SendMessageAsync(Programs.KeepAlive, (int)KeepAliveProcedure.Ping, 0, _ => { });
            var pong = await _daemon.ReadAsync();
            Assert.Equal(Programs.KeepAlive, pong.Header.Program);
            Assert.Equal((int)KeepAliveProcedure.Pong, pong.Header.Procedure);
            Assert.Equal(MessageType.Message, pong.Header.Type);
            Assert.Empty(pong.Payload);
        }

        [Fact]
        public async Task Silent_peer_is_detected_by_keepalive_and_pending_calls_fail()
        {
            var options = new ConnectOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(200), KeepAliveCount = 2 };
            var driver = await _daemon.OpenDriverAsync(options);
            var call = Task.Run(() => driver.Host().GetLibvirtVersionAsync(CancellationToken.None));
            // The daemon reads everything but never answers. The client must PING it, then give up after
            // interval × (count + 1) of silence and close the connection (end of stream here).
            var pings = 0;
            var sawCall = false;
            try
            {
                while (true)
                {
                    var p = await _daemon.ReadAsync();
                    if (p.Header.Program == Programs.KeepAlive && p.Header.Procedure == (int)KeepAliveProcedure.Ping) pings++;
                    if (p.Header.Procedure == (int)RemoteProcedure.ConnectGetLibVersion && p.Header.Program == Programs.Remote) sawCall = true;
                }
            }
            catch (System.IO.EndOfStreamException) { }
            Assert.True(sawCall);
            Assert.Equal(2, pings); // KeepAliveCount
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Contains("keepalive", e.Message);
        }

        [Fact]
        public async Task Answered_pings_keep_an_idle_connection_alive()
        {
            var options = new ConnectOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(200), KeepAliveCount = 2 };
            var driver = await _daemon.OpenDriverAsync(options);
            for (var i = 0; i < 5; i++)
            {
                var ping = await _daemon.ReadAsync();
                Assert.Equal((int)KeepAliveProcedure.Ping, ping.Header.Procedure);
                await _daemon.SendMessageAsync(Programs.KeepAlive, (int)KeepAliveProcedure.Pong, 0, _ => { });
            }
            Assert.Null(driver.Client.Failure); // 5 intervals passed, well beyond interval × (count + 1)
        }

        [Fact]
        public async Task Oversize_frame_from_the_daemon_closes_the_connection_with_a_clear_error()
        {
            using var client = await _daemon.ConnectClientAsync();
            var call = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            await _daemon.SendRawAsync(Hex.Bytes("7fffffff")); // a 2 GiB length word, and nothing after it
            var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Contains("exceeds the maximum", e.Message);
        }

        [Fact]
        public async Task Cancelled_call_throws_and_its_late_reply_is_ignored()
        {
            using var client = await _daemon.ConnectClientAsync();
            using var cts = new CancellationTokenSource();
            var slow = client.CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, cts.Token);
            var slowPacket = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);

            var next = client.CallAsync(ConnectProcedures.ConnectGetType, None.Value, CancellationToken.None);
            var nextPacket = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetType);
            await _daemon.ReplyAsync(slowPacket, w => w.WriteString("late"));
            await _daemon.ReplyAsync(nextPacket, w => w.WriteString("TEST"));
            Assert.Equal("TEST", await next.WaitAsync(FakeDaemon.Timeout));
        }

        [Fact]
        public async Task Listing_a_thousand_domains_takes_three_calls_when_stats_carry_resources()
        {
            var driver = await _daemon.OpenDriverAsync();
            const int count = 1000;
            var domains = Enumerable.Range(1, count)
                .Select(i => new DomainIdentity($"vm{i:0000}", new Guid(i, 0, 0, new byte[8]), i % 3 == 0 ? -1 : i)).ToArray();
            var before = driver.RpcCallCount;
            var list = Task.Run(() => driver.Domains().ListAsync(CancellationToken.None));

            var hostname = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname);
            await _daemon.ReplyAsync(hostname, w => w.WriteString("fakehost"));
            for (var i = 0; i < 3; i++)
            {
                Packet p;
                do p = await _daemon.ReadAsync(); while (p.Header.Program != Programs.Remote);
                switch ((RemoteProcedure)p.Header.Procedure)
                {
                    case RemoteProcedure.ConnectListAllDomains:
                        var flags = new XdrReader(p.Payload) is var r && r.ReadInt() == 1 ? r.ReadUInt() : throw new InvalidOperationException("need_results must be 1");
                        var subset = flags switch
                        {
                            0 => domains,
                            WireFlags.ListPersistent => domains.Where(d => d.Id % 2 == 0 || d.Id == -1).ToArray(),
                            WireFlags.ListAutostart => domains.Take(10).ToArray(),
                            _ => throw new InvalidOperationException("unexpected flags " + flags),
                        };
                        await _daemon.ReplyAsync(p, w => { w.WriteArray(subset, 16384, DomainIdentityCodec.Write); w.WriteUInt((uint)subset.Length); });
                        break;
                    case RemoteProcedure.ConnectGetAllDomainStats:
                        await _daemon.ReplyAsync(p, w => w.WriteArray(domains, 16384, (x, d) =>
                        {
                            DomainIdentityCodec.Write(x, d);
                            var active = d.Id >= 0;
                            TypedParameterCodec.WriteList(x, new Engine.TypedParameters.TypedParameterList
                            {
                                Engine.TypedParameters.TypedParameter.Int("state.state", active ? 1 : 5),
                                Engine.TypedParameters.TypedParameter.Int("state.reason", active ? 1 : 0),
                                Engine.TypedParameters.TypedParameter.ULLong("cpu.time", 2_000_000_000),
                                Engine.TypedParameters.TypedParameter.ULLong("balloon.current", 524288),
                                Engine.TypedParameters.TypedParameter.ULLong("balloon.maximum", 1048576),
                                Engine.TypedParameters.TypedParameter.UInt("vcpu.current", 2),
                                Engine.TypedParameters.TypedParameter.UInt("vcpu.maximum", 4),
                            }, 262144);
                        }));
                        break;
                    default:
                        throw new InvalidOperationException("unexpected call " + p.Header);
                }
            }
            var result = await list.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(4, driver.RpcCallCount - before); // hostname (once per connection) + 3: the stats name every domain
            Assert.Equal(count, result.Count);
            var vm3 = result.Single(d => d.Name == "vm0003");
            Assert.Equal((DomainState.ShutOff, (int?)null, "Unknown", true), (vm3.State, vm3.Id, vm3.StateReason, vm3.Persistent));
            var vm4 = result.Single(d => d.Name == "vm0004");
            Assert.Equal((DomainState.Running, (int?)4, "Booted", 512L, 1024L, 2), (vm4.State, vm4.Id, vm4.StateReason, vm4.MemoryMB, vm4.MaxMemoryMB, vm4.VCpus));
            Assert.Equal(TimeSpan.FromSeconds(2), vm4.CpuTime);
            Assert.True(vm4.Autostart);
            Assert.False(result.Single(d => d.Name == "vm0011").Autostart);
            Assert.False(result.Single(d => d.Name == "vm0011").Persistent);
            Assert.Equal("fakehost", vm4.Host);
        }

        [Fact]
        public async Task Listing_falls_back_to_per_domain_calls_when_the_daemon_lacks_all_domain_stats()
        {
            var driver = await _daemon.OpenDriverAsync();
            var a = new DomainIdentity("a", Guid.NewGuid(), 1);
            var gone = new DomainIdentity("gone", Guid.NewGuid(), 2);
            var list = Task.Run(() => driver.Domains().ListAsync(CancellationToken.None));
            await _daemon.ReplyAsync(await _daemon.ExpectCallAsync(RemoteProcedure.ConnectGetHostname), w => w.WriteString("h"));
            for (var i = 0; i < 4; i++)
            {
                var p = await _daemon.ReadAsync();
                if (p.Header.Procedure == (int)RemoteProcedure.ConnectGetAllDomainStats)
                    await _daemon.ReplyErrorAsync(p, ErrorCode.Rpc, ErrorDomain.Rpc, "unknown procedure: 344");
                else
                    await _daemon.ReplyAsync(p, w => { w.WriteArray(new[] { a, gone }, 16384, DomainIdentityCodec.Write); w.WriteUInt(2); });
            }
            // Now GET_INFO and GET_STATE for each domain, in any order; "gone" was undefined meanwhile.
            for (var i = 0; i < 4; i++)
            {
                var p = await _daemon.ReadAsync();
                var target = DomainIdentityCodec.Read(new XdrReader(p.Payload));
                if (target.Name == "gone")
                    await _daemon.ReplyErrorAsync(p, ErrorCode.NoDomain, ErrorDomain.Qemu, "Domain not found");
                else if (p.Header.Procedure == (int)RemoteProcedure.DomainGetInfo)
                    await _daemon.ReplyAsync(p, w => { w.WriteUInt(3); w.WriteUHyper(2048); w.WriteUHyper(1024); w.WriteUInt(2); w.WriteUHyper(0); });
                else if (p.Header.Procedure == (int)RemoteProcedure.DomainGetState)
                    await _daemon.ReplyAsync(p, w => { w.WriteInt(3); w.WriteInt(1); });
                else
                    throw new InvalidOperationException("unexpected " + p.Header);
            }
            var result = await list.WaitAsync(FakeDaemon.Timeout);
            var only = Assert.Single(result);
            Assert.Equal(("a", DomainState.Paused, "User", 1L, 2L, 2), (only.Name, only.State, only.StateReason, only.MemoryMB, only.MaxMemoryMB, only.VCpus));
            Assert.True(only.Persistent);
        }
    }
}
