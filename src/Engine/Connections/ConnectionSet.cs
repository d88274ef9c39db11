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
    /// and the one way connections are opened.
    /// </summary>
    public sealed class ConnectionSet
    {
        private readonly List<VMHostConnection> _connections = new List<VMHostConnection>();
        private readonly IDriverFactory _factory;

        public ConnectionSet(IDriverFactory factory) { _factory = factory ?? throw new ArgumentNullException(nameof(factory)); }

        public IReadOnlyList<VMHostConnection> Connections
        {
            get { lock (_connections) { _connections.RemoveAll(c => !c.IsOpen); return _connections.ToList(); } }
        }

        /// <summary>Opens a connection without adding it to the set.</summary>
        public VMHostConnection Open(string uriText, ConnectOptions options, CancellationToken cancellationToken)
        {
            var uri = LibvirtUri.Parse(uriText);
            var driver = _factory.Open(uri, options, cancellationToken);
            try
            {
                // Opening is synchronous (IDriverFactory.Open), so the hostname is waited for here, once per connection.
                var host = driver.Host().GetHostAsync(cancellationToken).GetAwaiter().GetResult();
                return new VMHostConnection(driver, host.Hostname);
            }
            catch
            {
                driver.Dispose();
                throw;
            }
        }

        /// <summary>Connect-VMHost: opens (or reuses an open connection to the same URI) and adds it to the set.</summary>
        /// <remarks>
        /// Credentials or read-only mode must be honoured, so a call that gives them always opens a new
        /// connection, which replaces the set's older one to the same URI once it is open.
        /// </remarks>
        public VMHostConnection Connect(string uriText, ConnectOptions options, CancellationToken cancellationToken)
        {
            var existing = Find(uriText);
            var reusable = options.Credential == null && !options.ReadOnly;
            if (existing != null && reusable) return existing;
            var connection = Open(uriText, options, cancellationToken);
            lock (_connections) _connections.Add(connection);
            if (existing != null) Disconnect(existing);
            return connection;
        }

        public VMHostConnection? Find(string uriText)
        {
            lock (_connections)
                return _connections.FirstOrDefault(c => c.IsOpen && string.Equals(c.Uri, uriText, StringComparison.Ordinal));
        }

        public void Disconnect(VMHostConnection connection)
        {
            lock (_connections) _connections.Remove(connection);
            connection.Dispose();
        }
    }
}
