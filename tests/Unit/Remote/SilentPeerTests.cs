using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Drivers.Remote;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>
    /// A socket that accepts but never speaks (a wedged or SIGSTOPped daemon: the kernel still completes the
    /// connect) must fail the connect phase within ConnectTimeout, over unix and tcp, instead of hanging.
    /// libvirt's C client hangs here (docs/reliability.md).
    /// </summary>
    public sealed class SilentPeerTests
    {
        private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);

        [Fact]
        public async Task Unix_socket_that_accepts_and_never_answers_times_out_the_connect_phase()
        {
            using var daemon = new FakeDaemon();
            var open = Task.Run(() => RemoteDriver.Open(LibvirtUri.Parse(daemon.TestUri), Options(), CancellationToken.None));
            await daemon.AcceptAsync(); // accepted, then silence: AUTH_LIST is never answered
            var e = await Assert.ThrowsAsync<LibvirtException>(() => open).WaitAsync(FakeDaemon.Timeout);
            AssertTimedOut(e);
        }

        [Fact]
        public async Task Unix_socket_nobody_accepts_on_times_out_the_connect_phase()
        {
            // The listen backlog completes the connect; nothing ever reads: a stopped daemon.
            using var daemon = new FakeDaemon();
            var open = Task.Run(() => RemoteDriver.Open(LibvirtUri.Parse(daemon.TestUri), Options(), CancellationToken.None));
            var e = await Assert.ThrowsAsync<LibvirtException>(() => open).WaitAsync(FakeDaemon.Timeout);
            AssertTimedOut(e);
        }

        [Fact]
        public async Task Tcp_port_that_accepts_and_never_answers_times_out_the_connect_phase()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var accepted = listener.AcceptTcpClientAsync();
                var open = Task.Run(() => RemoteDriver.Open(LibvirtUri.Parse($"test+tcp://127.0.0.1:{port}/default"), Options(), CancellationToken.None));
                using var peer = await accepted.WaitAsync(FakeDaemon.Timeout);
                var e = await Assert.ThrowsAsync<LibvirtException>(() => open).WaitAsync(FakeDaemon.Timeout);
                AssertTimedOut(e);
            }
            finally { listener.Stop(); }
        }

        [Fact]
        public async Task A_daemon_that_never_answers_the_first_call_after_the_handshake_times_out_too()
        {
            using var daemon = new FakeDaemon();
            var set = new ConnectionSet(Libvirt.Drivers.DriverFactory.Instance);
            // Room for the handshake itself on a loaded machine: only the silence after it must run the clock out.
            var options = Options();
            options.ConnectTimeout = TimeSpan.FromSeconds(2);
            var open = Task.Run(() => set.Open(daemon.TestUri, options, CancellationToken.None));
            await daemon.AcceptAsync();
            await daemon.ServeHandshakeAsync(expectKeepAliveProbe: false);
            // GetHost's calls go unanswered; the client gives up and says goodbye, and only then is it dropped.
            await daemon.ExpectCallAsync(Drivers.Remote.Protocol.RemoteProcedure.ConnectClose, skipOthers: true);
            daemon.DropConnection();
            var e = await Assert.ThrowsAsync<LibvirtException>(() => open).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.OperationTimeout, e.Code);
            Assert.Contains("Timed out after 2 s waiting for", e.Message);
            Assert.Contains("first call", e.Message);
        }

        [Fact]
        public async Task Caller_cancellation_during_the_handshake_is_a_cancellation_not_a_timeout()
        {
            using var daemon = new FakeDaemon();
            using var cts = new CancellationTokenSource();
            var options = Options();
            options.ConnectTimeout = TimeSpan.FromMinutes(5);
            var open = Task.Run(() => RemoteDriver.Open(LibvirtUri.Parse(daemon.TestUri), options, cts.Token));
            await daemon.AcceptAsync();
            await daemon.ExpectCallAsync(Drivers.Remote.Protocol.RemoteProcedure.AuthList);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open).WaitAsync(FakeDaemon.Timeout);
        }

        private static ConnectOptions Options() => new ConnectOptions { ConnectTimeout = ShortTimeout, KeepAliveInterval = TimeSpan.Zero };

        private static void AssertTimedOut(LibvirtException e)
        {
            Assert.Equal(ErrorCode.OperationTimeout, e.Code);
            Assert.Equal(ErrorDomain.Rpc, e.Domain);
            Assert.Contains("Timed out after 0.5 s", e.Message);
            Assert.Contains("-TimeoutSec", e.Message);
        }
    }
}
