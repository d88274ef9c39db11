using System;
using System.Threading;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Engine.Connections
{
    /// <summary>
    /// An open connection to one host, as Connect-VMHost returns it. When its transport dies (the daemon was
    /// killed or restarted, keepalive gave up) <see cref="IsOpen"/> turns false and <see cref="Reconnect"/>
    /// opens a new driver with the same options behind the same object, so scripts holding it keep working.
    /// </summary>
    public sealed class VMHostConnection : IDisposable
    {
        private readonly Func<CancellationToken, IHypervisorDriver>? _reopen;
        private readonly object _gate = new object();
        private IHypervisorDriver _driver;
        private int _closed;

        public VMHostConnection(IHypervisorDriver driver, string hostname)
            : this(driver, hostname, readOnly: false, reopen: null) { }

        /// <param name="reopen">Opens a new driver for the same URI and options; null when this connection cannot be reopened.</param>
        public VMHostConnection(IHypervisorDriver driver, string hostname, bool readOnly, Func<CancellationToken, IHypervisorDriver>? reopen)
        {
            _driver = driver ?? throw new ArgumentNullException(nameof(driver));
            Hostname = hostname;
            ReadOnly = readOnly;
            _reopen = reopen;
            ConnectedAt = DateTime.Now;
        }

        public Guid Id { get; } = Guid.NewGuid();

        /// <summary>The URI as the user gave it (never contains credentials).</summary>
        public string Uri => Driver.Uri.OriginalString;

        public string Hostname { get; }

        public string DriverName => Driver.Uri.Driver;

        public UriTransport Transport => Driver.Uri.IsEmbeddedTest ? UriTransport.None : Driver.Uri.Transport;

        public DateTime ConnectedAt { get; private set; }

        /// <summary>Whether it was opened read-only.</summary>
        public bool ReadOnly { get; }

        /// <summary>False once closed by the user or once its transport has died.</summary>
        public bool IsOpen => !IsClosed && Failure == null;

        /// <summary>Closed by the user (Disconnect-VMHost, Dispose): never reopened.</summary>
        public bool IsClosed => Volatile.Read(ref _closed) != 0;

        /// <summary>Why the transport died, or null while it lives (or when closed by the user).</summary>
        public LibvirtException? Failure => (Driver as IConnectionHealth)?.Failure is { } failure && !IsClosed ? failure : null;

        /// <summary>How many times the connection was reopened after its transport died.</summary>
        public int Reconnects { get; private set; }

        /// <summary>The driver behind this connection. Engine operations go through it.</summary>
        public IHypervisorDriver Driver => Volatile.Read(ref _driver);

        /// <summary>
        /// Reopens a connection whose transport died, once per call: a failure to reconnect is thrown, with the
        /// original failure as its inner exception. Does nothing to an open connection.
        /// </summary>
        public void Reconnect(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (IsClosed)
                    throw new LibvirtException(ErrorCode.InvalidConn, ErrorDomain.None, $"The connection to '{Uri}' was closed with Disconnect-VMHost; connect again.") { Target = Uri };
                var failure = Failure;
                if (failure == null) return;
                if (_reopen == null)
                    throw new LibvirtException(failure.Code, failure.Domain, failure.Message, failure) { Target = Uri };
                IHypervisorDriver fresh;
                try { fresh = _reopen(cancellationToken); }
                catch (LibvirtException e)
                {
                    throw new LibvirtException(e.Code, e.Domain, $"The connection to '{Uri}' was lost ({failure.Message}) and reconnecting failed: {e.Message}", e) { Target = Uri };
                }
                // Read by other threads without the gate: a reader sees the dead driver or the new one, both whole.
                var dead = Interlocked.Exchange(ref _driver, fresh);
                Reconnects++;
                ConnectedAt = DateTime.Now;
                dead.Dispose(); // its transport is gone: this only releases what is left
            }
        }

        public void Dispose()
        {
            // Under the gate so a reconnect in progress finishes first and its new driver is the one closed.
            lock (_gate)
                if (Interlocked.Exchange(ref _closed, 1) == 0)
                    Driver.Dispose();
        }

        public override string ToString() => Uri;
    }
}
