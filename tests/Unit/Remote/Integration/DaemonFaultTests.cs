using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Drivers;
using Libvirt.Drivers.Remote;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>
    /// A real daemon killed with SIGKILL, stopped with SIGSTOP and restarted under a session connection, in
    /// the middle of a call and of a migration: clear errors at once, the guest is never lost, and the next
    /// use reconnects. Only the daemons of LIBVIRT_PS_STATE_DIR are touched (tests/hosts/fault.sh), and every
    /// test leaves them running.
    /// </summary>
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class DaemonFaultTests
    {
        private const uint Live = 1, PeerToPeer = 2;
        private static readonly CancellationToken None = CancellationToken.None;
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        [HostFact]
        public async Task A_killed_daemon_fails_the_call_in_flight_at_once_and_the_next_use_reconnects_after_restart()
        {
            var set = new ConnectionSet(DriverFactory.Instance);
            var connection = set.Connect(LibvirtHosts.Host1Uri, new ConnectOptions(), None);
            var name = RemoteDriverDomainTests.UniqueName("kill");
            var guest = connection.Driver.Domains().CreateAsync(RemoteDriverDomainTests.TinyXml(name), None).GetAwaiter().GetResult().ToIdentity();
            try
            {
                try
                {
                    // Stopped first, so the call is surely in flight (sent, unanswered) when the daemon dies.
                    HostFaults.Stop(1);
                    var inFlight = Task.Run(() => connection.Driver.Domains().GetAsync(guest, None).GetAwaiter().GetResult());
                    await WaitUntil(() => ((RemoteDriver)connection.Driver).Client.PendingCount > 0);
                    HostFaults.Kill(1);

                    var e = await Assert.ThrowsAsync<LibvirtException>(() => inFlight).WaitAsync(Patience);
                    Assert.Equal(ErrorCode.SystemError, e.Code);
                    // EOF or a reset, depending on whether the dead daemon had unread bytes: both say the connection is gone.
                    Assert.Matches("closed the connection|was lost", e.Message);
                    Assert.False(connection.IsOpen);
                    Assert.Same(e, connection.Failure);

                    // While the daemon is down, reconnecting fails with the reason, and the connection waits for the next try.
                    var down = Assert.Throws<LibvirtException>(() => ConnectionSet.Heal(connection, None));
                    Assert.Contains("reconnecting failed", down.Message);
                    Assert.Contains("Connection refused", down.Message);
                }
                finally
                {
                    try { HostFaults.Kill(1); } catch (InvalidOperationException) { } // already dead, as it should be
                    HostFaults.Restart(1);
                }
                ConnectionSet.Heal(connection, None);
                Assert.True(connection.IsOpen);
                Assert.Equal(1, connection.Reconnects);
                // QEMU outlived its daemon: the guest is still there and running.
                Assert.Equal(DomainState.Running, connection.Driver.Domains().GetAsync(guest, None).GetAwaiter().GetResult().State);
                Assert.Equal("running", LibvirtHosts.Virsh(LibvirtHosts.Host1Uri, "domstate " + name).Trim());
            }
            finally { Cleanup(name); }
            set.Disconnect(connection);
        }

        [HostFact]
        public async Task A_stopped_daemon_is_noticed_by_keepalive_and_a_new_connect_times_out_then_it_heals()
        {
            var set = new ConnectionSet(DriverFactory.Instance);
            var options = new ConnectOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(300), KeepAliveCount = 2 };
            var connection = set.Connect(LibvirtHosts.Host1TestUri, options, None);
            HostFaults.Stop(1);
            try
            {
                var call = Task.Run(() => connection.Driver.Domains().ListAsync(None).GetAwaiter().GetResult());
                var e = await Assert.ThrowsAsync<LibvirtException>(() => call).WaitAsync(Patience);
                Assert.Equal(ErrorCode.Rpc, e.Code);
                Assert.Contains("keepalive", e.Message);
                Assert.False(connection.IsOpen);

                // The socket still accepts (the kernel does), nothing answers: the connect phase times out.
                var silent = Assert.Throws<LibvirtException>(() => RemoteDriver.Open(LibvirtUri.Parse(LibvirtHosts.Host1TestUri),
                    new ConnectOptions { ConnectTimeout = TimeSpan.FromSeconds(1) }, None));
                Assert.Equal(ErrorCode.OperationTimeout, silent.Code);
            }
            finally
            {
                HostFaults.Continue(1);
            }
            ConnectionSet.Heal(connection, None);
            Assert.Contains(connection.Driver.Domains().ListAsync(None).GetAwaiter().GetResult(), d => d.Name == "test");
            set.Disconnect(connection);
        }

        [HostFact]
        public async Task Killing_the_source_daemon_mid_migration_fails_the_migration_and_the_guest_stays_running_on_the_source()
        {
            var name = RemoteDriverDomainTests.UniqueName("kmig");
            var xml = File.ReadAllText(Environment.GetEnvironmentVariable("LIBVIRT_PS_FILL_XML")!).Replace("<name>filled</name>", $"<name>{name}</name>");
            var set = new ConnectionSet(DriverFactory.Instance);
            var source = set.Connect(LibvirtHosts.Host1Uri, new ConnectOptions(), None);
            var guest = source.Driver.Domains().CreateAsync(xml, None).GetAwaiter().GetResult().ToIdentity();
            using var watcher = LibvirtHosts.Open(LibvirtHosts.Host1Uri);
            try
            {
                try
                {
                    var port = LibvirtHosts.MigratePortBase + 300 + new Random().Next(100);
                    var parameters = new TypedParameterList
                    {
                        TypedParameter.String("migrate_uri", $"tcp://127.0.0.1:{port}"),
                        TypedParameter.ULLong("bandwidth", 4), // MiB/s: 32 MiB of guest RAM takes seconds
                    };
                    var migration = Task.Run(() => source.Driver.Migration().PerformAsync(guest, LibvirtHosts.Host2Uri, parameters, Array.Empty<byte>(), Live | PeerToPeer, None).GetAwaiter().GetResult());
                    await WaitUntil(() => migration.IsCompleted || watcher.Domains().GetJobInfoAsync(guest, completed: false, None).GetAwaiter().GetResult().DataProcessed > 0);
                    Assert.False(migration.IsCompleted, "the migration ended before the daemon could be killed: " + migration.Exception?.GetBaseException().Message);
                    HostFaults.Kill(1);

                    var e = await Assert.ThrowsAsync<LibvirtException>(() => migration).WaitAsync(Patience);
                    Assert.Equal(ErrorCode.SystemError, e.Code);
                    // EOF or a reset, depending on whether the dead daemon had unread bytes: both say the connection is gone.
                    Assert.Matches("closed the connection|was lost", e.Message);
                }
                finally
                {
                    try { HostFaults.Kill(1); } catch (InvalidOperationException) { } // already dead
                    HostFaults.Restart(1);
                }
                ConnectionSet.Heal(source, None);
                // The restarted daemon finds the outgoing migration interrupted, cancels it and resumes the guest.
                await WaitUntil(() => source.Driver.Domains().GetAsync(guest, None).GetAwaiter().GetResult().State == DomainState.Running);
                Assert.Equal("running", LibvirtHosts.Virsh(LibvirtHosts.Host1Uri, "domstate " + name).Trim());
                await WaitUntil(() => !LibvirtHosts.Virsh(LibvirtHosts.Host2Uri, "list --all --name").Contains(name));
            }
            finally { Cleanup(name); }
            set.Disconnect(source);
        }

        /// <summary>Destroys the transient guest on either host, whatever state a failed test left it in.</summary>
        private static void Cleanup(string name)
        {
            foreach (var uri in new[] { LibvirtHosts.Host1Uri, LibvirtHosts.Host2Uri })
                if (LibvirtHosts.Virsh(uri, "list --all --name").Contains(name)) LibvirtHosts.Virsh(uri, "destroy " + name);
        }

        /// <summary>Waits for a condition the test needs before going on; fails (never hangs) after <see cref="Patience"/>.</summary>
        private static async Task WaitUntil(Func<bool> condition)
        {
            using var give = new CancellationTokenSource(Patience);
            while (!condition()) await Task.Delay(50, give.Token);
        }
    }
}
