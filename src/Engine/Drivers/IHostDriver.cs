using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>The host behind a connection (virConnectGetHostname, virNodeGetInfo, versions).</summary>
    public interface IHostDriver
    {
        Task<VMHost> GetHostAsync(CancellationToken cancellationToken);

        /// <summary>The host's libvirt version (virConnectGetLibVersion), for feature checks.</summary>
        Task<Version> GetLibvirtVersionAsync(CancellationToken cancellationToken);
    }
}
