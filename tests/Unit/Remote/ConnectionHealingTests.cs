using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Drivers;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Errors;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>
    /// A session connection notices when its transport dies, says so (IsOpen, Failure), and the next use
    /// reopens it once behind the same object; read-only and read-write connections to one URI never close
    /// each other by surprise.
    /// </summary>
    public sealed class ConnectionHealingTests : IDisposable
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private readonly FakeDaemon _daemon = new FakeDaemon();
        private readonly ConnectionSet _set = new ConnectionSet(DriverFactory.Instance);

        public void Dispose()
        {
            _daemon.DropConnection();
            foreach (var c in _set.Connections) _set.Disconnect(c);
            _daemon.Dispose();
        }

        private static ConnectOptions Options(bool readOnly = false) => new ConnectOptions { ReadOnly = readOnly, KeepAliveInterval = TimeSpan.Zero };

        /// <summary>Runs <paramref name="open"/> while the fake daemon answers one connection's handshake and GetHost.</summary>
        private async Task<T> Served<T>(Func<T> open, bool dropEarlier = false)
        {
            var opening = Task.Run(open);
            await _daemon.AcceptAsync();
            if (dropEarlier) _daemon.DropEarlierConnections();
            await _daemon.ServeHandshakeAsync(expectKeepAliveProbe: false);
            await _daemon.ServeGetHostAsync("fakehost");
            return await opening.WaitAsync(FakeDaemon.Timeout);
        }

        private async Task<VMHostConnection> Dead(VMHostConnection connection)
        {
            _daemon.DropConnection(); // the daemon was killed
            using var give = new CancellationTokenSource(FakeDaemon.Timeout);
            while (connection.IsOpen) await Task.Delay(10, give.Token);
            return connection;
        }

        [Fact]
        public async Task A_dead_transport_makes_IsOpen_false_and_the_next_use_reconnects_the_same_object_once()
        {
            var connection = await Served(() => _set.Connect(_daemon.TestUri, Options(), None));
            Assert.True(connection.IsOpen);

            await Dead(connection);
            Assert.False(connection.IsOpen);
            Assert.False(connection.IsClosed);
            Assert.Equal(ErrorCode.SystemError, connection.Failure!.Code);
            Assert.Same(connection, Assert.Single(_set.Connections)); // kept, to be healed, not silently dropped

            var healed = await Served(() => ConnectionSet.Heal(connection, None));
            Assert.Same(connection, healed);
            Assert.True(connection.IsOpen);
            Assert.Equal(1, connection.Reconnects);
            Assert.Null(connection.Failure);
        }

        [Fact]
        public async Task A_failed_reconnect_says_why_and_leaves_the_connection_for_the_next_try()
        {
            var connection = await Served(() => _set.Connect(_daemon.TestUri, Options(), None));
            await Dead(connection);
            var reconnect = Task.Run(() => ConnectionSet.Heal(connection, None));
            await _daemon.AcceptAsync();
            await _daemon.ReplyErrorAsync(await _daemon.ExpectCallAsync(Drivers.Remote.Protocol.RemoteProcedure.AuthList),
                ErrorCode.AuthFailed, ErrorDomain.Rpc, "authentication failed");
            var e = await Assert.ThrowsAsync<LibvirtException>(() => reconnect).WaitAsync(FakeDaemon.Timeout);
            Assert.Equal(ErrorCode.AuthFailed, e.Code);
            Assert.Contains("was lost", e.Message);
            Assert.Contains("reconnecting failed: authentication failed", e.Message);
            Assert.False(connection.IsOpen);
            Assert.Same(connection, _set.Find(_daemon.TestUri));
        }

        [Fact]
        public async Task Connect_replaces_a_dead_connection_to_the_same_uri()
        {
            var first = await Dead(await Served(() => _set.Connect(_daemon.TestUri, Options(), None)));
            var second = await Served(() => _set.Connect(_daemon.TestUri, Options(), None));
            Assert.NotSame(first, second);
            Assert.True(first.IsClosed);
            Assert.True(second.IsOpen);
            Assert.Same(second, Assert.Single(_set.Connections));
        }

        [Fact]
        public async Task A_read_only_connect_never_closes_the_read_write_connection_to_the_same_uri()
        {
            var readWrite = await Served(() => _set.Connect(_daemon.TestUri, Options(), None));
            var readOnly = await Served(() => _set.Connect(_daemon.TestUri, Options(readOnly: true), None));
            Assert.True(readOnly.ReadOnly);
            Assert.True(readOnly.IsOpen);
            Assert.True(readWrite.IsOpen);
            Assert.Same(readWrite, _set.Find(_daemon.TestUri));
            Assert.Same(readWrite, Assert.Single(_set.Connections));
            var closing = Task.Run(readOnly.Dispose);
            await _daemon.ReplyAsync(await _daemon.ExpectCallAsync(Drivers.Remote.Protocol.RemoteProcedure.ConnectClose), _ => { });
            await closing.WaitAsync(FakeDaemon.Timeout);

            // Connecting read-write again reuses the open read-write connection.
            Assert.Same(readWrite, _set.Connect(_daemon.TestUri, Options(), None));
        }

        [Fact]
        public async Task A_read_write_connect_replaces_a_read_only_one_instead_of_returning_it()
        {
            var readOnly = await Served(() => _set.Connect(_daemon.TestUri, Options(readOnly: true), None));
            // The read-only connection's socket is dropped, so closing it does not wait for a CONNECT_CLOSE reply.
            var readWrite = await Served(() => _set.Connect(_daemon.TestUri, Options(), None), dropEarlier: true);
            Assert.False(readWrite.ReadOnly);
            Assert.True(readOnly.IsClosed);
            Assert.Same(readWrite, Assert.Single(_set.Connections));
        }

        [Fact]
        public async Task A_connection_closed_by_the_user_is_never_reopened()
        {
            var connection = await Served(() => _set.Connect(_daemon.TestUri, Options(), None));
            _daemon.DropConnection();
            _set.Disconnect(connection);
            Assert.True(connection.IsClosed);
            Assert.Null(connection.Failure);
            Assert.Empty(_set.Connections);
            var e = Assert.Throws<LibvirtException>(() => connection.Reconnect(None));
            Assert.Equal(ErrorCode.InvalidConn, e.Code);
        }
    }
}
