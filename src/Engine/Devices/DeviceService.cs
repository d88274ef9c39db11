using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Devices
{
    /// <summary>
    /// What the device cmdlets do on one host: read devices from the domain XML, build device XML from typed
    /// values, and call the device driver. Bad values are refused (ArgumentException, or a LibvirtException with
    /// libvirt's code) before anything is sent.
    /// </summary>
    public sealed class DeviceService
    {
        private readonly IHypervisorDriver _driver;
        public DeviceService(IHypervisorDriver driver) => _driver = driver;

        private IDomainDriver Domains => _driver.Domains();
        private IDeviceDriver Devices => _driver.Devices();

        /// <summary>The live definition's devices, or the persistent one's (<paramref name="inactive"/>).</summary>
        public async Task<DomainDevices> ReadAsync(VMDomain domain, bool inactive, CancellationToken ct) =>
            DomainDevices.Parse(await Domains.GetXmlAsync(domain.ToIdentity(), inactive, ct).ConfigureAwait(false));

        /// <summary>For a change with <paramref name="scope"/>: the definition it changes (the persistent one when only that).</summary>
        public Task<DomainDevices> ReadForAsync(VMDomain domain, DeviceScope scope, CancellationToken ct) =>
            ReadAsync(domain, scope == DeviceScope.Config || (scope == DeviceScope.Current && !domain.IsActive), ct);

        public async Task<IReadOnlyList<VMDomainDisk>> GetDisksAsync(VMDomain domain, bool inactive, bool sizes, CancellationToken ct)
        {
            var disks = Stamp((await ReadAsync(domain, inactive, ct).ConfigureAwait(false)).Disks(domain.Name), domain);
            if (!sizes) return disks;
            // One GET_BLOCK_INFO per disk with media, all in flight together; a disk the host cannot size keeps null.
            var asks = disks.Where(d => d.Source != null && d.Target.Length > 0)
                .Select(async d =>
                {
                    try
                    {
                        var info = await Devices.GetBlockInfoAsync(domain.ToIdentity(), d.Target, ct).ConfigureAwait(false);
                        d.CapacityBytes = info.Capacity;
                        d.AllocationBytes = info.Allocation;
                    }
                    catch (LibvirtException) { }
                }).ToList();
            await Task.WhenAll(asks).ConfigureAwait(false);
            return disks;
        }

        public async Task<IReadOnlyList<VMDomainNetworkAdapter>> GetInterfacesAsync(VMDomain domain, bool inactive, CancellationToken ct)
        {
            var nics = (await ReadAsync(domain, inactive, ct).ConfigureAwait(false)).Interfaces(domain.Name);
            foreach (var n in nics) { n.Host = domain.Host; n.Uri = domain.Uri; }
            return nics;
        }

        /// <summary>Attaches a file as a disk; the target is the bus's next free name when not given. Returns the disk as the host shows it.</summary>
        public async Task<VMDomainDisk> AddDiskAsync(VMDomain domain, string path, string? target, string bus, string? format, bool readOnly, DeviceScope scope, CancellationToken ct)
        {
            var devices = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            target ??= DiskTargets.NextFree(devices.Targets, bus);
            if (devices.Targets.Contains(target))
                throw new ArgumentException($"Domain '{domain.Name}' has a disk '{target}' already.", nameof(target));
            var xml = DeviceXml.Disk(path, target, bus, format ?? ImageFormat.Guess(path), readOnly);
            await Devices.AttachDeviceAsync(domain.ToIdentity(), xml.ToString(SaveOptions.DisableFormatting), scope, ct).ConfigureAwait(false);
            var after = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var disk = after.FindDisk(target);
            return Stamp(new[] { disk != null ? DomainDevices.ReadDisk(disk, domain.Name) : DomainDevices.ReadDisk(xml, domain.Name) }, domain)[0];
        }

        /// <summary>
        /// Detaches the disk with target or source <paramref name="targetOrPath"/>, sending back the element the host
        /// wrote. Returns false when a live detach was only requested: the guest has not let the device go yet.
        /// </summary>
        public async Task<bool> RemoveDiskAsync(VMDomain domain, string targetOrPath, DeviceScope scope, CancellationToken ct)
        {
            var devices = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var disk = devices.FindDisk(targetOrPath) ?? throw DiskNotFound(domain, targetOrPath);
            var target = DomainDevices.Target(disk);
            await Devices.DetachDeviceAsync(domain.ToIdentity(), disk.ToString(SaveOptions.DisableFormatting), scope, ct).ConfigureAwait(false);
            return !await StillLiveAsync(domain, scope, d => d.DiskElements.Any(e => DomainDevices.Target(e) == target), ct).ConfigureAwait(false);
        }

        /// <summary>
        /// Resizes a disk to <paramref name="bytes"/>. As with qemu-img, a smaller size needs <paramref name="allowShrink"/>:
        /// shrinking cuts off the guest's data at the end of the disk.
        /// </summary>
        public async Task<VMDomainDisk> ResizeDiskAsync(VMDomain domain, string targetOrPath, ulong bytes, bool allowShrink, CancellationToken ct)
        {
            if (bytes == 0) throw new ArgumentException("A disk cannot be resized to 0 bytes.", "size");
            var devices = await ReadAsync(domain, false, ct).ConfigureAwait(false);
            var element = devices.FindDisk(targetOrPath) ?? throw DiskNotFound(domain, targetOrPath);
            var target = DomainDevices.Target(element);
            var info = await Devices.GetBlockInfoAsync(domain.ToIdentity(), target, ct).ConfigureAwait(false);
            if (bytes < info.Capacity && !allowShrink)
                throw new ArgumentException($"Disk '{target}' of domain '{domain.Name}' is {info.Capacity} bytes; {bytes} would shrink it and cut off the data at its end. Use -Force to shrink.", "size");
            await Devices.BlockResizeAsync(domain.ToIdentity(), target, bytes, ct).ConfigureAwait(false);
            var disks = await GetDisksAsync(domain, false, true, ct).ConfigureAwait(false);
            return disks.First(d => d.Target == target);
        }

        /// <summary>Inserts <paramref name="isoPath"/> into a CD drive, or ejects it (null): UPDATE_DEVICE on the drive's element.</summary>
        public async Task<VMDomainDisk> SetMediaAsync(VMDomain domain, string? drive, string? isoPath, DeviceScope scope, CancellationToken ct)
        {
            var devices = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var cdroms = devices.DiskElements.Where(e => (string?)e.Attribute("device") == "cdrom").ToList();
            XElement cdrom;
            if (drive != null)
                cdrom = cdroms.FirstOrDefault(e => DomainDevices.Target(e) == drive) ?? throw DiskNotFound(domain, drive, "CD drive");
            else if (cdroms.Count == 1) cdrom = cdroms[0];
            else if (cdroms.Count == 0)
                throw new DeviceNotFoundException($"Domain '{domain.Name}' has no CD drive.", "cdrom");
            else throw new ArgumentException($"Domain '{domain.Name}' has {cdroms.Count} CD drives ({string.Join(", ", cdroms.Select(DomainDevices.Target))}); say which with -Target.", "drive");
            var xml = DeviceXml.CdromMedia(cdrom, isoPath);
            await Devices.UpdateDeviceAsync(domain.ToIdentity(), xml.ToString(SaveOptions.DisableFormatting), scope, ct).ConfigureAwait(false);
            var target = DomainDevices.Target(cdrom);
            var after = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            return Stamp(new[] { DomainDevices.ReadDisk(after.FindDisk(target) ?? xml, domain.Name) }, domain)[0];
        }

        public async Task<VMDomainNetworkAdapter> AddInterfaceAsync(VMDomain domain, string? network, string? bridge, string? mac, string? model, bool connected, DeviceScope scope, CancellationToken ct)
        {
            var devices = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            mac = mac == null ? MacAddress.Generate(devices.MacAddresses) : MacAddress.Normalize(mac);
            if (devices.FindInterface(mac) != null)
                throw new ArgumentException($"Domain '{domain.Name}' has a network adapter with MAC address {mac} already.", "macAddress");
            var xml = DeviceXml.Interface(network, bridge, mac, model, connected);
            await Devices.AttachDeviceAsync(domain.ToIdentity(), xml.ToString(SaveOptions.DisableFormatting), scope, ct).ConfigureAwait(false);
            var after = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var nic = DomainDevices.ReadInterface(after.FindInterface(mac) ?? xml, domain.Name);
            nic.Host = domain.Host;
            nic.Uri = domain.Uri;
            return nic;
        }

        /// <summary>Detaches the adapter with <paramref name="mac"/>; false when a live detach was only requested (see <see cref="RemoveDiskAsync"/>).</summary>
        public async Task<bool> RemoveInterfaceAsync(VMDomain domain, string mac, DeviceScope scope, CancellationToken ct)
        {
            mac = MacAddress.Normalize(mac);
            var devices = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var nic = devices.FindInterface(mac) ?? throw InterfaceNotFound(domain, mac);
            await Devices.DetachDeviceAsync(domain.ToIdentity(), nic.ToString(SaveOptions.DisableFormatting), scope, ct).ConfigureAwait(false);
            return !await StillLiveAsync(domain, scope, d => d.FindInterface(mac) != null, ct).ConfigureAwait(false);
        }

        /// <summary>Sets the link of the adapter with <paramref name="mac"/> up or down (virsh domif-setlink).</summary>
        public async Task<VMDomainNetworkAdapter> SetLinkAsync(VMDomain domain, string mac, bool connected, DeviceScope scope, CancellationToken ct)
        {
            mac = MacAddress.Normalize(mac);
            var devices = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var nic = devices.FindInterface(mac) ?? throw InterfaceNotFound(domain, mac);
            var xml = DeviceXml.WithLinkState(nic, connected);
            await Devices.UpdateDeviceAsync(domain.ToIdentity(), xml.ToString(SaveOptions.DisableFormatting), scope, ct).ConfigureAwait(false);
            var after = await ReadForAsync(domain, scope, ct).ConfigureAwait(false);
            var result = DomainDevices.ReadInterface(after.FindInterface(mac) ?? xml, domain.Name);
            result.Host = domain.Host;
            result.Uri = domain.Uri;
            return result;
        }

        /// <summary>
        /// The addresses of a running domain's interfaces from <paramref name="source"/>, or with none given, from the
        /// first of lease, agent, ARP that knows any (a source that fails, such as an agent not running, is skipped
        /// unless it is the last).
        /// </summary>
        public async Task<IReadOnlyList<VMDomainIPAddress>> GetAddressesAsync(VMDomain domain, AddressSource? source, CancellationToken ct)
        {
            var sources = source.HasValue ? new[] { source.Value } : new[] { AddressSource.Lease, AddressSource.Agent, AddressSource.Arp };
            IReadOnlyList<VMDomainIPAddress> found = Array.Empty<VMDomainIPAddress>();
            for (var i = 0; i < sources.Length; i++)
            {
                IReadOnlyList<InterfaceAddresses> ifaces;
                try { ifaces = await Devices.GetInterfaceAddressesAsync(domain.ToIdentity(), sources[i], ct).ConfigureAwait(false); }
                catch (LibvirtException e) when (i < sources.Length - 1 && IsSourceUnavailable(e)) { continue; }
                found = ifaces.SelectMany(f => f.Addresses.Select(a => new VMDomainIPAddress
                {
                    Domain = domain.Name,
                    Interface = f.Name,
                    MacAddress = f.MacAddress,
                    IPAddress = a.Address,
                    PrefixLength = a.Prefix,
                    Family = a.Type == 1 ? "IPv6" : "IPv4",
                    Source = sources[i],
                    Host = domain.Host,
                    Uri = domain.Uri,
                })).ToList();
                if (found.Count > 0) break;
            }
            return found;
        }

        /// <summary>Failures that mean "this source cannot answer" (no agent, unsupported), not "the domain is wrong".</summary>
        private static bool IsSourceUnavailable(LibvirtException e) =>
            e.Code != ErrorCode.NoDomain && e.Code != ErrorCode.OperationInvalid && e.Code != ErrorCode.InvalidConn && e.Code != ErrorCode.Rpc;

        private async Task<bool> StillLiveAsync(VMDomain domain, DeviceScope scope, Func<DomainDevices, bool> present, CancellationToken ct)
        {
            var live = (scope & DeviceScope.Live) != 0 || (scope == DeviceScope.Current && domain.IsActive);
            if (!live) return false;
            var now = await Domains.GetAsync(domain.ToIdentity(), ct).ConfigureAwait(false);
            if (!now.IsActive) return false;
            return present(await ReadAsync(now, false, ct).ConfigureAwait(false));
        }

        private static IReadOnlyList<VMDomainDisk> Stamp(IReadOnlyList<VMDomainDisk> disks, VMDomain domain)
        {
            foreach (var d in disks) { d.Host = domain.Host; d.Uri = domain.Uri; }
            return disks;
        }

        /// <summary>virsh's words when detach-disk finds nothing.</summary>
        private static DeviceNotFoundException DiskNotFound(VMDomain domain, string what, string noun = "disk") =>
            new DeviceNotFoundException($"No {noun} found whose source path or target is {what} in domain '{domain.Name}'.", what);

        private static DeviceNotFoundException InterfaceNotFound(VMDomain domain, string mac) =>
            new DeviceNotFoundException($"No network adapter with MAC address {mac} found in domain '{domain.Name}'.", mac);
    }
}
