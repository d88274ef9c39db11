using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// Devices of domains: attach, detach and update by device XML (live and/or persistent, <see cref="DeviceScope"/>),
    /// disk sizes, and the addresses of a running domain's interfaces.
    /// </summary>
    public interface IDeviceDriver
    {
        /// <summary>virDomainAttachDeviceFlags.</summary>
        Task AttachDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken);

        /// <summary>virDomainDetachDeviceFlags: for a live detach the host asks the guest, and may return before the guest lets go.</summary>
        Task DetachDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken);

        /// <summary>virDomainDetachDeviceAlias.</summary>
        Task DetachDeviceAliasAsync(DomainIdentity domain, string alias, DeviceScope scope, CancellationToken cancellationToken);

        /// <summary>virDomainUpdateDeviceFlags (CD media, link state).</summary>
        Task UpdateDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken);

        /// <summary>virDomainBlockResize with VIR_DOMAIN_BLOCK_RESIZE_BYTES: the disk (target or path) to <paramref name="bytes"/>.</summary>
        Task BlockResizeAsync(DomainIdentity domain, string disk, ulong bytes, CancellationToken cancellationToken);

        /// <summary>virDomainGetBlockInfo for a disk target or source path.</summary>
        Task<BlockInfo> GetBlockInfoAsync(DomainIdentity domain, string disk, CancellationToken cancellationToken);

        /// <summary>virDomainInterfaceAddresses from one source.</summary>
        Task<IReadOnlyList<InterfaceAddresses>> GetInterfaceAddressesAsync(DomainIdentity domain, AddressSource source, CancellationToken cancellationToken);
    }
}
