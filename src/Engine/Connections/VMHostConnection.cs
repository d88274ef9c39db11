using System;
using System.Threading;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Uris;

namespace Libvirt.Engine.Connections
{
    /// <summary>An open connection to one host, as Connect-VMHost returns it.</summary>
    public sealed class VMHostConnection : IDisposable
    {
        private int _closed;

        public VMHostConnection(IHypervisorDriver driver, string hostname)
        {
            Driver = driver ?? throw new ArgumentNullException(nameof(driver));
            Hostname = hostname;
            ConnectedAt = DateTime.Now;
        }

        public Guid Id { get; } = Guid.NewGuid();

        /// <summary>The URI as the user gave it (never contains credentials).</summary>
        public string Uri => Driver.Uri.OriginalString;

        public string Hostname { get; }

        public string DriverName => Driver.Uri.Driver;

        public UriTransport Transport => Driver.Uri.IsEmbeddedTest ? UriTransport.None : Driver.Uri.Transport;

        public DateTime ConnectedAt { get; }

        public bool IsOpen => Volatile.Read(ref _closed) == 0;

        /// <summary>The driver behind this connection. Engine operations go through it.</summary>
        public IHypervisorDriver Driver { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
                Driver.Dispose();
        }

        public override string ToString() => Uri;
    }
}
