using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>
    /// Turns -Uri / -Connection (or neither) into connections: a URI the session is connected to reuses that
    /// connection, any other URI is opened for the duration of the cmdlet; with neither, the session's hosts,
    /// then $env:LIBVIRT_DEFAULT_URI. A session connection whose transport died is reopened here, once per
    /// command, so a restarted daemon costs one reconnect instead of errors until Disconnect-VMHost.
    /// </summary>
    internal sealed class HostResolver : IDisposable
    {
        private readonly Dictionary<string, HostTarget> _byUri = new Dictionary<string, HostTarget>(StringComparer.Ordinal);
        private readonly ConnectOptions _options;
        private readonly HashSet<VMHostConnection> _healed = new HashSet<VMHostConnection>(); // tried this command

        public HostResolver(ConnectOptions options) { _options = options; }

        public IReadOnlyList<HostTarget> Resolve(string[]? uris, VMHostConnection[]? connections, CancellationToken cancellationToken) =>
            Sources(uris, connections).Select(s => s.Open(cancellationToken)).ToList();

        /// <summary>
        /// The hosts <see cref="Resolve"/> would open, not opened yet: a command over several hosts opens each on
        /// its own worker (a host that cannot be reached is then that host's error, not the command's).
        /// </summary>
        public IReadOnlyList<HostSource> Sources(string[]? uris, VMHostConnection[]? connections)
        {
            if (connections != null && connections.Length > 0)
                return connections.Select(c => new HostSource(c.Uri, ct => Session(c, ct))).ToList();
            if (uris != null && uris.Length > 0)
                return uris.Select(u => new HostSource(u, ct => ForUri(u, ct))).ToList();
            var session = SessionHosts.Current.Connections;
            if (session.Count > 0)
                return session.Select(c => new HostSource(c.Uri, ct => Session(c, ct))).ToList();
            var fromEnvironment = Environment.GetEnvironmentVariable(SessionHosts.DefaultUriVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
                return new[] { new HostSource(fromEnvironment!, ct => ForUri(fromEnvironment!, ct)) };
            throw new NoHostException();
        }

        /// <summary>
        /// For cmdlets that create: acting on every connected host is for reading, so hosts that were not named
        /// (-Uri, -Connection) may only be one.
        /// </summary>
        public IReadOnlyList<HostTarget> ResolveForCreate(string[]? uris, VMHostConnection[]? connections, CancellationToken cancellationToken)
        {
            var hosts = Resolve(uris, connections, cancellationToken);
            var named = (uris != null && uris.Length > 0) || (connections != null && connections.Length > 0);
            if (!named && hosts.Count > 1) throw new AmbiguousHostException(hosts.Select(h => h.Connection.Uri));
            return hosts;
        }

        /// <summary>The connection for a URI: the session's, one already opened by this call, or a new one.</summary>
        /// <remarks>Host workers call this at the same time: the opening itself is outside the lock.</remarks>
        public HostTarget ForUri(string uri, CancellationToken cancellationToken)
        {
            var existing = SessionHosts.Current.Find(uri);
            if (existing != null) return Session(existing, cancellationToken);
            lock (_byUri)
                if (_byUri.TryGetValue(uri, out var opened) && opened.Connection.IsOpen) return opened;
            var target = new HostTarget(SessionHosts.Current.Open(uri, _options, cancellationToken), owned: true);
            lock (_byUri)
            {
                // The same URI named twice and opened by two workers: one connection stays (and is closed at the end).
                if (_byUri.TryGetValue(uri, out var raced) && raced.Connection.IsOpen)
                {
                    target.Dispose();
                    return raced;
                }
                _byUri[uri] = target;
            }
            return target;
        }

        /// <summary>
        /// A connection the session owns, reopened first if its transport died (once per command). When
        /// reopening fails the reason is a warning and the dead connection is used anyway: its calls fail with
        /// why it died, per host, so a command over several hosts still serves the others.
        /// </summary>
        private HostTarget Session(VMHostConnection connection, CancellationToken cancellationToken)
        {
            bool first;
            lock (_healed) first = _healed.Add(connection);
            if (first)
            {
                try { ConnectionSet.Heal(connection, cancellationToken); }
                catch (LibvirtException e) { _options.Warning?.Invoke(e.Message); }
            }
            return new HostTarget(connection, owned: false);
        }

        public void Dispose()
        {
            lock (_byUri)
            {
                foreach (var t in _byUri.Values) t.Dispose();
                _byUri.Clear();
            }
        }
    }

    /// <summary>A host a command will work on, by the URI it is named with, and how to open it (once per command).</summary>
    internal sealed class HostSource
    {
        private readonly Func<CancellationToken, HostTarget> _open;

        public HostSource(string uri, Func<CancellationToken, HostTarget> open) { Uri = uri; _open = open; }

        public string Uri { get; }

        public HostTarget Open(CancellationToken cancellationToken) => _open(cancellationToken);
    }

    /// <summary>A cmdlet that creates was given no host while the session is connected to several.</summary>
    internal sealed class AmbiguousHostException : Exception
    {
        public AmbiguousHostException(IEnumerable<string> uris)
            : base("The session is connected to several hosts (" + string.Join(", ", uris) + "), and this command creates " +
                   "something: name the host or hosts with -Uri or -Connection.")
        { }
    }

    /// <summary>No host was named and none is connected.</summary>
    internal sealed class NoHostException : Exception
    {
        public NoHostException()
            : base("No libvirt host is connected. Connect first, for example 'Connect-VMHost -Uri test:///default' " +
                   "(the built-in test hypervisor) or 'Connect-VMHost -Uri qemu+ssh://root@host/system', pass -Uri or " +
                   "-Connection to this command, or set $env:LIBVIRT_DEFAULT_URI.")
        { }
    }
}
