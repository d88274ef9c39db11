using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Events;
using Libvirt.Engine.Model;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>Event registrations against a fake peer: one callback id each, events routed by it, unknown ones dropped.</summary>
    public sealed class DomainEventTests : IDisposable
    {
        private static readonly DomainIdentity Test = new DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        private readonly FakeDaemon _daemon = new FakeDaemon();

        public void Dispose() => _daemon.Dispose();

        private async Task<Registered> Register(Drivers.Remote.RemoteDriver driver, DomainEventKind kind, int callbackId, BlockingCollection<DomainEvent> into)
        {
            var subscribe = driver.SubscribeAsync(kind, into.Add, CancellationToken.None);
            var register = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackRegisterAny);
            var r = new XdrReader(register.Payload);
            Assert.Equal((int)kind, r.ReadInt());
            Assert.False(r.ReadBool()); // every domain
            await _daemon.ReplyAsync(register, w => w.WriteInt(callbackId));
            return new Registered(await subscribe.WaitAsync(FakeDaemon.Timeout), callbackId);
        }

        private sealed class Registered
        {
            public Registered(Engine.Drivers.IDomainEventRegistration r, int id) { Registration = r; Id = id; }
            public Engine.Drivers.IDomainEventRegistration Registration { get; }
            public int Id { get; }
        }

        private Task Send(RemoteProcedure procedure, int callbackId, Action<XdrWriter> rest) =>
            _daemon.SendMessageAsync(Programs.Remote, (int)procedure, 1, w => { w.WriteInt(callbackId); rest(w); });

        [Fact]
        public async Task Events_are_routed_by_callback_id_and_one_registration_per_kind_serves_every_subscriber()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var lifecycleA = new BlockingCollection<DomainEvent>();
            var lifecycleB = new BlockingCollection<DomainEvent>();
            var devices = new BlockingCollection<DomainEvent>();
            var a = await Register(driver, DomainEventKind.Lifecycle, 4, lifecycleA);
            // The daemon refuses a second registration of a kind ("event callback already tracked"): none is sent.
            var b = await driver.SubscribeAsync(DomainEventKind.Lifecycle, lifecycleB.Add, CancellationToken.None).WaitAsync(FakeDaemon.Timeout);
            var d = await Register(driver, DomainEventKind.DeviceAdded, 6, devices);
            Assert.Equal(2, driver.EventCallbackCount);

            await Send(RemoteProcedure.DomainEventCallbackDeviceAdded, 6, w => { DomainIdentityCodec.Write(w, Test); w.WriteString("virtio-disk1"); });
            await Send(RemoteProcedure.DomainEventCallbackLifecycle, 4, w => { DomainIdentityCodec.Write(w, Test); w.WriteInt(5); w.WriteInt(1); });
            // Callback 6 is DeviceAdded's: a lifecycle MESSAGE naming it is not given to the lifecycle subscribers.
            await Send(RemoteProcedure.DomainEventCallbackLifecycle, 9, w => { DomainIdentityCodec.Write(w, Test); w.WriteInt(2); w.WriteInt(0); });

            Assert.True(devices.TryTake(out var added, FakeDaemon.Timeout));
            Assert.Equal((DomainEventKind.DeviceAdded, "virtio-disk1"), (added!.Kind, added.Device));
            Assert.True(lifecycleA.TryTake(out var stoppedA, FakeDaemon.Timeout));
            Assert.True(lifecycleB.TryTake(out var stoppedB, FakeDaemon.Timeout));
            Assert.Equal((DomainEventKind.Lifecycle, "Stopped", "Destroyed", "test"), (stoppedA!.Kind, stoppedA.Type, stoppedA.Detail, stoppedA.DomainName));
            Assert.Equal(DomainLifecycleEventType.Stopped, stoppedB!.Lifecycle);
            Assert.Equal(_daemon.TestUri, stoppedA.Uri);
            Assert.Empty(lifecycleA);
            Assert.Empty(lifecycleB);

            // The first to leave sends nothing; the last deregisters the kind's callback.
            b.Dispose();
            Assert.Equal(2, driver.EventCallbackCount);
            await Send(RemoteProcedure.DomainEventCallbackLifecycle, 4, w => { DomainIdentityCodec.Write(w, Test); w.WriteInt(4); w.WriteInt(0); });
            Assert.True(lifecycleA.TryTake(out var resumed, FakeDaemon.Timeout));
            Assert.Equal(("Resumed", "Unpaused"), (resumed!.Type, resumed.Detail));
            Assert.Empty(lifecycleB);

            var close = Task.Run(a.Registration.Dispose);
            var deregister = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackDeregisterAny);
            Assert.Equal(Hex.Bytes("00000004"), deregister.Payload);
            await _daemon.ReplyAsync(deregister, _ => { });
            await close.WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(1, driver.EventCallbackCount);

            // In flight after DEREGISTER: dropped; a new subscription registers the kind again.
            await Send(RemoteProcedure.DomainEventCallbackLifecycle, 4, w => { DomainIdentityCodec.Write(w, Test); w.WriteInt(3); w.WriteInt(0); });
            var again = new BlockingCollection<DomainEvent>();
            await Register(driver, DomainEventKind.Lifecycle, 8, again);
            Assert.Empty(lifecycleA);
            Assert.Empty(again);
            GC.KeepAlive(d);
        }

        [Fact]
        public async Task Unknown_procedures_callbacks_and_malformed_events_are_dropped_and_later_ones_still_arrive()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var jobs = new BlockingCollection<DomainEvent>();
            await Register(driver, DomainEventKind.JobCompleted, 0, jobs);

            await Send((RemoteProcedure)999, 0, w => DomainIdentityCodec.Write(w, Test));                         // a procedure this client does not know
            await Send(RemoteProcedure.DomainEventCallbackJobCompleted, 77, w => { DomainIdentityCodec.Write(w, Test); w.WriteUInt(0); }); // nobody's callback
            await Send(RemoteProcedure.DomainEventCallbackJobCompleted, 0, w => w.WriteInt(12345));             // truncated
            await Send(RemoteProcedure.DomainEventCallbackJobCompleted, 0, w =>
            {
                DomainIdentityCodec.Write(w, Test);
                TypedParameterCodec.WriteList(w, new Engine.TypedParameters.TypedParameterList(new[]
                {
                    Engine.TypedParameters.TypedParameter.Int("operation", 5),
                    Engine.TypedParameters.TypedParameter.ULLong("time_elapsed", 1234),
                }), XdrLimits.JobStatsMax);
            });
            Assert.True(jobs.TryTake(out var done, FakeDaemon.Timeout));
            Assert.Equal(DomainEventKind.JobCompleted, done!.Kind);
            Assert.Equal(5, done.Data["operation"]);
            Assert.Equal(1234UL, done.Data["time_elapsed"]);
            Assert.Empty(jobs);
        }

        [Fact]
        public async Task Agent_lifecycle_and_pm_events_decode_their_own_layouts()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var agent = new BlockingCollection<DomainEvent>();
            var pm = new BlockingCollection<DomainEvent>();
            await Register(driver, DomainEventKind.AgentLifecycle, 1, agent);
            await Register(driver, DomainEventKind.PMSuspend, 2, pm);
            await Send(RemoteProcedure.DomainEventCallbackAgentLifecycle, 1, w => { DomainIdentityCodec.Write(w, Test); w.WriteInt(1); w.WriteInt(2); });
            await Send(RemoteProcedure.DomainEventCallbackPMSuspend, 2, w => { w.WriteInt(0); DomainIdentityCodec.Write(w, Test); }); // reason before the domain
            Assert.True(agent.TryTake(out var a, FakeDaemon.Timeout));
            Assert.Equal(("Connected", "Channel"), (a!.Type, a.Detail));
            Assert.True(pm.TryTake(out var p, FakeDaemon.Timeout));
            Assert.Equal(("test", 0), (p!.DomainName, p.Data["reason"]));
        }

        [Fact]
        public async Task A_failed_registration_leaves_nothing_registered()
        {
            using var driver = await _daemon.OpenDriverAsync();
            var subscribe = driver.SubscribeAsync(DomainEventKind.Reboot, _ => { }, CancellationToken.None);
            var register = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackRegisterAny);
            await _daemon.ReplyErrorAsync(register, Engine.Errors.ErrorCode.OperationInvalid, Engine.Errors.ErrorDomain.Remote, "nope");
            await Assert.ThrowsAsync<Engine.Errors.LibvirtException>(() => subscribe);
            Assert.Equal(0, driver.EventCallbackCount);
        }
    }
}
