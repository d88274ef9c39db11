using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Auth;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Transport;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote
{
    /// <summary>
    /// IHypervisorDriver over libvirt's RPC protocol: every operation is one or a few calls of the procedures
    /// declared in Protocol/Procedures (one file per object kind) on one <see cref="RpcClient"/> connection,
    /// awaited, never waited for.
    /// This file holds the connection lifecycle and host calls; domains are in RemoteDriver.Domains.cs,
    /// migration in RemoteMigrationDriver.cs.
    /// </summary>
    public sealed partial class RemoteDriver : IHypervisorDriver, IHostDriver, IDomainDriver, IConnectionHealth
    {
        private readonly RpcClient _client;
        private readonly ConnectOptions _options;
        private readonly DriverKindTable _kinds;
        private string? _hostname;
        private int _disposed;

        private RemoteDriver(LibvirtUri uri, ConnectOptions options, RpcClient client)
        {
            Uri = uri;
            _options = options;
            _client = client;
            _kinds = new DriverKindTable()
                .Add<IHostDriver>(this)
                .Add<IDomainDriver>(this)
                .Add<IConsoleDriver>(this)
                .Add<IDomainEventDriver>(this)
                .Add<IDomainConfigDriver>(this)
                .Add<ISnapshotDriver>(this)
                .Add<IDeviceDriver>(this)
                .Add<IStatsDriver>(this)
                .Add<IMigrationDriver>(new RemoteMigrationDriver(this));
            _kinds.Add<INetworkDriver>(new RemoteNetworkDriver(this));
            var storage = new RemoteStorageDriver(this);
            _kinds.Add<IStoragePoolDriver>(storage).Add<IStorageVolumeDriver>(storage);
        }

        public LibvirtUri Uri { get; }

        public TKind? Kind<TKind>() where TKind : class => _kinds.Find<TKind>();

        /// <summary>How many RPC calls this connection has made: lets tests count round trips.</summary>
        internal long RpcCallCount => _client.CallCount;

        internal RpcClient Client => _client;

        /// <summary>Why the RPC connection died (or was closed), or null while it is usable.</summary>
        public LibvirtException? Failure => _client.Failure;

        /// <summary>
        /// Connects to the daemon that serves <paramref name="uri"/> and opens the hypervisor connection.
        /// The whole connect phase (transport and handshake) has <see cref="ConnectOptions.ConnectTimeout"/>:
        /// a socket that accepts but never speaks, or a stopped daemon, fails instead of hanging.
        /// </summary>
        public static RemoteDriver Open(LibvirtUri uri, ConnectOptions options, CancellationToken cancellationToken)
        {
            if (uri == null) throw new ArgumentNullException(nameof(uri));
            options ??= new ConnectOptions();
            var transport = TransportFactory.Create(uri, options);
            options.Verbose?.Invoke($"Connecting to {uri} through {transport.Description}");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.ConnectTimeout > TimeSpan.Zero) deadline.CancelAfter(options.ConnectTimeout);
            try
            {
                var stream = transport.ConnectAsync(deadline.Token).GetAwaiter().GetResult();
                return OpenOnStream(uri, options, stream, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.Rpc,
                    $"Timed out after {options.ConnectTimeout.TotalSeconds:0.###} s connecting to '{uri}' through {transport.Description}: " +
                    "the daemon did not finish the connection handshake (it accepts connections but does not answer, or it is stopped). " +
                    "Use -TimeoutSec to wait longer.") { Target = uri.OriginalString };
            }
        }

        /// <summary>
        /// The handshake on an already connected stream, as libvirt's client does it: AUTH_LIST (+ auth),
        /// SUPPORTS_FEATURE(PROGRAM_KEEPALIVE) so both sides ping, then CONNECT_OPEN with the server name.
        /// </summary>
        internal static RemoteDriver OpenOnStream(LibvirtUri uri, ConnectOptions options, System.IO.Stream stream, CancellationToken cancellationToken)
        {
            var client = new RpcClient(stream, options.Verbose);
            try
            {
                // From the first byte: a peer that goes silent during the handshake is noticed like any other.
                client.StartKeepAlive(options.KeepAliveInterval, options.KeepAliveCount);
                Handshake(client, uri, options, cancellationToken).GetAwaiter().GetResult();
                return new RemoteDriver(uri, options, client);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        private static async Task Handshake(RpcClient client, LibvirtUri uri, ConnectOptions options, CancellationToken ct)
        {
            await Authenticator.AuthenticateAsync(client, uri, ct).ConfigureAwait(false);
            if (options.KeepAliveInterval > TimeSpan.Zero && options.KeepAliveCount > 0)
            {
                // The daemon only starts its own PINGs after this probe; without it a dead client goes unnoticed.
                if (!await client.CallAsync(ConnectProcedures.ConnectSupportsFeature, DriverFeature.ProgramKeepAlive, ct).ConfigureAwait(false))
                {
                    client.StopKeepAlive();
                    options.Verbose?.Invoke("The daemon does not support keepalive; a dead connection will only be noticed when a call fails.");
                }
            }
            var flags = options.ReadOnly ? WireFlags.ConnectReadOnly : 0u;
            await client.CallAsync(ConnectProcedures.ConnectOpen, new ConnectOpenArgs(uri.ToServerName(), flags), ct).ConfigureAwait(false);
        }

        public async Task<Version> GetLibvirtVersionAsync(CancellationToken cancellationToken) =>
            LibvirtVersion.Decode(await CallAsync(ConnectProcedures.ConnectGetLibVersion, None.Value, cancellationToken).ConfigureAwait(false));

        public async Task<VMHost> GetHostAsync(CancellationToken cancellationToken)
        {
            // Independent calls: send them all at once and wait once.
            var hostname = CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, cancellationToken);
            var node = CallAsync(ConnectProcedures.NodeGetInfo, None.Value, cancellationToken);
            var type = CallAsync(ConnectProcedures.ConnectGetType, None.Value, cancellationToken);
            var hvVersion = CallAsync(ConnectProcedures.ConnectGetVersion, None.Value, cancellationToken);
            var libVersion = CallAsync(ConnectProcedures.ConnectGetLibVersion, None.Value, cancellationToken);
            await Task.WhenAll(hostname, node, type, hvVersion, libVersion).ConfigureAwait(false);
            _hostname = hostname.Result;
            return new VMHost
            {
                Hostname = hostname.Result,
                Uri = Uri.OriginalString,
                HypervisorType = type.Result,
                HypervisorVersion = LibvirtVersion.Decode(hvVersion.Result),
                LibvirtVersion = LibvirtVersion.Decode(libVersion.Result),
                CpuModel = node.Result.Model,
                Cpus = node.Result.Cpus,
                MemoryMB = (long)(node.Result.MemoryKiB / 1024),
            };
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            try
            {
                if (_client.Failure == null)
                {
                    // Straight to the client: CallAsync() refuses once the driver is marked disposed.
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    Wait(_client.CallAsync(ConnectProcedures.ConnectClose, None.Value, cts.Token));
                }
            }
            catch (Exception e) when (e is LibvirtException || e is OperationCanceledException)
            {
                _options.Verbose?.Invoke("CONNECT_CLOSE failed: " + e.Message);
            }
            _client.Dispose();
        }

        internal Task<TReply> CallAsync<TArgs, TReply>(Procedure<TArgs, TReply> procedure, TArgs args, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            return _client.CallAsync(procedure, args, cancellationToken);
        }

        /// <summary>
        /// Waits for a task and rethrows its own exception, not an AggregateException. Only where waiting is the
        /// contract: opening and Dispose.
        /// </summary>
        internal static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        internal static void Wait(Task task) => task.GetAwaiter().GetResult();

        internal async Task<string> HostnameAsync(CancellationToken cancellationToken) =>
            _hostname ??= await CallAsync(ConnectProcedures.ConnectGetHostname, None.Value, cancellationToken).ConfigureAwait(false);

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
                throw new LibvirtException(ErrorCode.InvalidConn, ErrorDomain.Remote, $"The connection to '{Uri}' is closed.") { Target = Uri.OriginalString };
        }
    }
}
