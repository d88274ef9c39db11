using System.Threading;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;
using Libvirt.Drivers.Test;

namespace Libvirt.Drivers
{
    /// <summary>
    /// The one place that chooses a driver for a URI: test:/// without transport or host is the embedded,
    /// in-process test hypervisor; everything else goes to a daemon through the remote driver.
    /// </summary>
    public sealed class DriverFactory : IDriverFactory
    {
        public static DriverFactory Instance { get; } = new DriverFactory();

        public IHypervisorDriver Open(LibvirtUri uri, ConnectOptions options, CancellationToken cancellationToken)
        {
            if (uri.IsEmbeddedTest)
                return TestDriver.Open(uri, options.ReadOnly);
            return Remote.RemoteDriver.Open(uri, options, cancellationToken);
        }
    }
}
