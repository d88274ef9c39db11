using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Engine.Connections
{
    /// <summary>
    /// The hosts a session is connected to (what Connect-VMHost adds and cmdlets use when given no host),
    /// and the one way connections are opened. A connection whose transport died stays in the set until the
    /// user disconnects it, and is reopened by <see cref="Heal"/> when it is next used.
    /// </summary>
    public sealed class ConnectionSet
    {
        private readonly List<VMHostConnection> _connections = new List<VMHostConnection>();
        private readonly IDriverFactory _factory;

        public ConnectionSet(IDriverFactory factory) { _factory = factory ?? throw new ArgumentNullException(nameof(factory)); }

        /// <summary>The session's connections, dead ones included (they reconnect when used); closed ones are dropped.</summary>
        public IReadOnlyList<VMHostConnection> Connections
        {
            get { lock (_connections) { _connections.RemoveAll(c => c.IsClosed); return _connections.ToList(); } }
        }

        /// <summary>Opens a connection without adding it to the set.</summary>
        public VMHostConnection Open(string uriText, ConnectOptions options, CancellationToken cancellationToken)
        {
            var uri = LibvirtUri.Parse(uriText);
            var (driver, hostname) = OpenDriver(uri, options, cancellationToken);
            return new VMHostConnection(driver, hostname, options.ReadOnly, ct => OpenDriver(uri, options, ct).Driver);
        }

        /// <summary>Connect-VMHost: opens (or reuses an open connection to the same URI) and adds it to the set.</summary>
        /// <remarks>
        /// Credentials or a different read-only mode must be honoured, so such a call opens a new connection,
        /// which replaces the set's older one to the same URI once it is open; so does a call that finds the
        /// older one dead. A read-only connect never closes a read-write connection to the same URI: the
        /// read-only connection is returned for explicit use (-Connection) and the set keeps the read-write one.
        /// </remarks>
        public VMHostConnection Connect(string uriText, ConnectOptions options, CancellationToken cancellationToken)
        {
            var existing = Find(uriText);
            var reusable = options.Credential == null && existing != null && existing.ReadOnly == options.ReadOnly && existing.IsOpen;
            if (reusable) return existing!;
            var connection = Open(uriText, options, cancellationToken);
            if (existing != null && existing.IsOpen && options.ReadOnly && !existing.ReadOnly) return connection;
            lock (_connections) _connections.Add(connection);
            if (existing != null) Disconnect(existing);
            return connection;
        }

        /// <summary>The session's connection to this URI (alive or dead, not closed), or null.</summary>
        public VMHostConnection? Find(string uriText)
        {
            lock (_connections)
                return _connections.FirstOrDefault(c => !c.IsClosed && string.Equals(c.Uri, uriText, StringComparison.Ordinal));
        }

        /// <summary>
        /// Makes a connection usable for the next command: one whose transport died is reopened once with its
        /// original options. Throws when reopening fails (the connection stays in the set for the next try).
        /// </summary>
        public static VMHostConnection Heal(VMHostConnection connection, CancellationToken cancellationToken)
        {
            if (!connection.IsOpen && !connection.IsClosed) connection.Reconnect(cancellationToken);
            return connection;
        }

        public void Disconnect(VMHostConnection connection)
        {
            lock (_connections) _connections.Remove(connection);
            connection.Dispose();
        }

        /// <summary>
        /// Opens the driver (whose connect phase has <see cref="ConnectOptions.ConnectTimeout"/> of its own) and
        /// makes the first call (GetHost) within the same time again: a daemon that finishes the handshake and
        /// then never answers fails here instead of hanging.
        /// </summary>
        private (IHypervisorDriver Driver, string Hostname) OpenDriver(LibvirtUri uri, ConnectOptions options, CancellationToken cancellationToken)
        {
            var driver = _factory.Open(uri, options, cancellationToken);
            // Started only now, so it can never cut the connect phase short and hide the driver's own timeout.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.ConnectTimeout > TimeSpan.Zero) deadline.CancelAfter(options.ConnectTimeout);
            try
            {
                // Opening is synchronous (IDriverFactory.Open), so the hostname is waited for here, once per connection.
                return (driver, driver.Host().GetHostAsync(deadline.Token).GetAwaiter().GetResult().Hostname);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                driver.Dispose();
                throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.None,
                    $"Timed out after {options.ConnectTimeout.TotalSeconds:0.###} s waiting for '{uri}' to answer its first call after connecting. " +
                    "Use -TimeoutSec to wait longer.") { Target = uri.OriginalString };
            }
            catch
            {
                driver.Dispose();
                throw;
            }
        }
    }
}
