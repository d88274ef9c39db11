using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Events;
using Libvirt.Engine.Model;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>An engine subscription whose connection dies heals it and registers again; events flow on the new connection.</summary>
    public sealed class EventResubscribeTests : IDisposable
    {
        private static readonly DomainIdentity Test = new DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        private readonly FakeDaemon _daemon = new FakeDaemon();
        private readonly ConnectionSet _set = new ConnectionSet(DriverFactory.Instance);

        public void Dispose()
        {
            _daemon.DropConnection();
            foreach (var c in _set.Connections) _set.Disconnect(c);
            _daemon.Dispose();
        }

        private async Task ServeOpen()
        {
            await _daemon.AcceptAsync();
            await _daemon.ServeHandshakeAsync(expectKeepAliveProbe: false);
            await _daemon.ServeGetHostAsync("fakehost");
        }

        [Fact]
        public async Task A_dead_connection_is_reopened_and_its_kinds_registered_again()
        {
            var opening = Task.Run(() => _set.Connect(_daemon.TestUri, new ConnectOptions { KeepAliveInterval = TimeSpan.Zero }, CancellationToken.None));
            await ServeOpen();
            var connection = await opening.WaitAsync(FakeDaemon.Timeout);

            var events = new BlockingCollection<DomainEvent>();
            var start = DomainEventSubscription.StartAsync(connection, new[] { DomainEventKind.Lifecycle }, events.Add, CancellationToken.None);
            var register = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackRegisterAny);
            await _daemon.ReplyAsync(register, w => w.WriteInt(3));
            using var subscription = await start.WaitAsync(FakeDaemon.Timeout);
            var reconnected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            subscription.Reconnected += m => reconnected.TrySetResult(m);

            _daemon.DropConnection(); // the daemon restarted
            await ServeOpen();        // the subscription heals the connection by itself (within HealInterval)
            var again = await _daemon.ExpectCallAsync(RemoteProcedure.ConnectDomainEventCallbackRegisterAny);
            Assert.Equal(Hex.Bytes("00000000 00000000"), again.Payload);
            await _daemon.ReplyAsync(again, w => w.WriteInt(0));
            Assert.Contains("closed the connection", await reconnected.Task.WaitAsync(FakeDaemon.Timeout)); // why it had died
            Assert.True(connection.IsOpen);
            Assert.Equal(1, connection.Reconnects);
            Assert.Equal(1, subscription.Resubscriptions);

            await _daemon.SendMessageAsync(Programs.Remote, (int)RemoteProcedure.DomainEventCallbackLifecycle, 1,
                w => { w.WriteInt(0); DomainIdentityCodec.Write(w, Test); w.WriteInt(2); w.WriteInt(0); });
            Assert.True(events.TryTake(out var e, FakeDaemon.Timeout));
            Assert.Equal(("test", "Started"), (e!.DomainName, e.Type));
        }
    }
}
