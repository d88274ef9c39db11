using System.Threading;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Uris;

namespace Libvirt.Engine.Drivers
{
    /// <summary>Opens the driver that serves a URI. The implementation chooses by URI scheme in one place.</summary>
    public interface IDriverFactory
    {
        IHypervisorDriver Open(LibvirtUri uri, ConnectOptions options, CancellationToken cancellationToken);
    }
}
