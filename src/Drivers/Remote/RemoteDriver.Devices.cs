using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote
{
    public sealed partial class RemoteDriver : IDeviceDriver
    {
        /// <summary>VIR_DOMAIN_BLOCK_RESIZE_BYTES: the size is in bytes, not KiB.</summary>
        private const uint BlockResizeBytes = 1;

        public Task AttachDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken) =>
            CallAsync(DeviceProcedures.DomainAttachDeviceFlags, new DomainStringFlags(domain, deviceXml, (uint)scope), cancellationToken);

        public Task DetachDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken) =>
            CallAsync(DeviceProcedures.DomainDetachDeviceFlags, new DomainStringFlags(domain, deviceXml, (uint)scope), cancellationToken);

        public Task DetachDeviceAliasAsync(DomainIdentity domain, string alias, DeviceScope scope, CancellationToken cancellationToken) =>
            CallAsync(DeviceProcedures.DomainDetachDeviceAlias, new DomainStringFlags(domain, alias, (uint)scope), cancellationToken);

        public Task UpdateDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken) =>
            CallAsync(DeviceProcedures.DomainUpdateDeviceFlags, new DomainStringFlags(domain, deviceXml, (uint)scope), cancellationToken);

        public Task BlockResizeAsync(DomainIdentity domain, string disk, ulong bytes, CancellationToken cancellationToken) =>
            CallAsync(DeviceProcedures.DomainBlockResize, new BlockResizeArgs(domain, disk, bytes, BlockResizeBytes), cancellationToken);

        public Task<BlockInfo> GetBlockInfoAsync(DomainIdentity domain, string disk, CancellationToken cancellationToken) =>
            CallAsync(DeviceProcedures.DomainGetBlockInfo, new DomainStringFlags(domain, disk, 0), cancellationToken);

        public async Task<IReadOnlyList<InterfaceAddresses>> GetInterfaceAddressesAsync(DomainIdentity domain, AddressSource source, CancellationToken cancellationToken) =>
            await CallAsync(DeviceProcedures.DomainInterfaceAddresses, new DomainSourceFlags(domain, (uint)source, 0), cancellationToken).ConfigureAwait(false);
    }
}
