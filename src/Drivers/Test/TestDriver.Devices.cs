using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Devices as libvirt 11's test driver handles them (checked with virsh on test:///default, libvirt 11.3):
    /// live attach of virtio disks and of non-network interfaces only; no persistent device changes; no detach by
    /// XML, detach by alias live only; no block resize; block info and made-up interface addresses for any disk
    /// and interface.
    /// </summary>
    public sealed partial class TestDriver : IDeviceDriver
    {
        /// <summary>What libvirt's test driver reports for every disk (virsh domblkinfo test vda).</summary>
        private const ulong TestDiskCapacity = 1099506450432, TestDiskAllocation = 1099511627776;

        public Task AttachDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainAttachDeviceFlags");
            var device = ParseDevice(deviceXml);
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                LiveOnly(dom, scope, "testDomainAttachDeviceLiveAndConfig");
                var devices = dom.Definition.Root.Element("devices")!;
                switch (device.Name.LocalName)
                {
                    case "disk": AttachDisk(devices, device); break;
                    case "interface": AttachInterface(devices, device); break;
                    default:
                        throw new LibvirtException(ErrorCode.OperationUnsupported, ErrorDomain.Test, $"Operation not supported: live attach of device '{device.Name.LocalName}' is not supported");
                }
            }
        });

        public Task DetachDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainDetachDeviceFlags");
            lock (_host.Sync) _host.Find(domain);
            throw LibvirtException.NoSupport("virDomainDetachDeviceFlags");
        });

        public Task DetachDeviceAliasAsync(DomainIdentity domain, string alias, DeviceScope scope, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainDetachDeviceAlias");
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                LiveOnly(dom, scope, "testDomainDetachDeviceAliasLiveAndConfig");
                var device = dom.Definition.Root.Element("devices")!.Elements().FirstOrDefault(e => (string?)e.Element("alias")?.Attribute("name") == alias)
                    ?? throw LibvirtException.Internal($"no device found with alias {alias}", ErrorDomain.Test);
                device.Remove();
            }
        });

        public Task UpdateDeviceAsync(DomainIdentity domain, string deviceXml, DeviceScope scope, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainUpdateDeviceFlags");
            var device = ParseDevice(deviceXml);
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                if (device.Name.LocalName != "disk")
                    throw new LibvirtException(ErrorCode.OperationUnsupported, ErrorDomain.Test, $"Operation not supported: persistent update of device '{device.Name.LocalName}' is not supported");
                var target = DomainDevices.Target(device);
                var existing = dom.Definition.Root.Element("devices")!.Elements("disk").FirstOrDefault(d => DomainDevices.Target(d) == target)
                    ?? throw LibvirtException.InvalidArg($"target {target} doesn't exist.", ErrorDomain.Test);
                LiveOnly(dom, scope, "testDomainUpdateDeviceFlags");
                var device_ = (string?)existing.Attribute("device") ?? "disk";
                if (device_ != "cdrom" && device_ != "floppy")
                    throw new LibvirtException(ErrorCode.OperationUnsupported, ErrorDomain.Test, $"Operation not supported: disk bus '{(string?)existing.Element("target")?.Attribute("bus")}' cannot be updated.");
                existing.Element("source")?.Remove();
                var source = device.Element("source");
                if (source != null) existing.Element("target")!.AddBeforeSelf(new XElement(source));
            }
        });

        public Task BlockResizeAsync(DomainIdentity domain, string disk, ulong bytes, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainBlockResize");
            throw LibvirtException.NoSupport("virDomainBlockResize");
        });

        public Task<BlockInfo> GetBlockInfoAsync(DomainIdentity domain, string disk, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckOpen();
            if (string.IsNullOrEmpty(disk))
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, "string disk in virDomainGetBlockInfo must not be empty");
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                var devices = DomainDevices.Parse(dom.Definition.ToXml(dom.Id));
                if (devices.FindDisk(disk) == null)
                    throw LibvirtException.InvalidArg($"invalid path {disk} not assigned to domain", ErrorDomain.Test);
                return new BlockInfo(TestDiskCapacity, TestDiskAllocation, TestDiskAllocation);
            }
        });

        /// <summary>
        /// libvirt's test driver makes addresses up, whatever the source: interface i of a domain with id n on a
        /// libvirt network gets the network's DHCP range start + 20·(n−1) + i + 1; any other interface 192.168.0.(i+1).
        /// Names are the host device (testnetN given at start), null for one attached later.
        /// </summary>
        public Task<IReadOnlyList<InterfaceAddresses>> GetInterfaceAddressesAsync(DomainIdentity domain, AddressSource source, CancellationToken cancellationToken) => AsTask<IReadOnlyList<InterfaceAddresses>>(() =>
        {
            CheckOpen();
            if ((uint)source > (uint)AddressSource.Arp)
                throw new LibvirtException(ErrorCode.ArgumentUnsupported, ErrorDomain.Test, $"argument unsupported: Unknown IP address data source {(uint)source}");
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                if (!dom.IsActive) throw LibvirtException.OperationInvalid("domain is not running");
                var result = new List<InterfaceAddresses>();
                var nics = dom.Definition.Root.Element("devices")!.Elements("interface").ToList();
                var unnamed = 0;
                for (var i = 0; i < nics.Count; i++)
                {
                    var nic = DomainDevices.ReadInterface(nics[i], dom.Name);
                    var name = nic.HostInterface ?? (nic.Alias == null ? "testnet" + (unnamed++).ToString(CultureInfo.InvariantCulture) : null);
                    string address;
                    if (nic.Type == "network")
                    {
                        if (nic.Network != "default")
                            throw new LibvirtException(ErrorCode.NoNetwork, ErrorDomain.Test, $"Network not found: no network with matching name '{nic.Network}'");
                        address = "192.168.122." + (DefaultNetworkRangeStart + 20 * (dom.Id!.Value - 1) + i + 1).ToString(CultureInfo.InvariantCulture);
                    }
                    else address = "192.168.0." + (i + 1).ToString(CultureInfo.InvariantCulture);
                    result.Add(new InterfaceAddresses(name, nic.MacAddress, new[] { new IPAddressEntry(0, address, 24) }));
                }
                return result;
            }
        });

        /// <summary>The last byte of the DHCP range start of the test driver's network 'default' (192.168.122.2).</summary>
        private const int DefaultNetworkRangeStart = 2;

        private static XElement ParseDevice(string xml)
        {
            var root = SafeXml.Parse(xml, "device definition").Root!;
            foreach (var blank in root.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList()) blank.Remove();
            return root;
        }

        /// <summary>libvirt's test driver changes live definitions only: a persistent change is an unsupported flag, an inactive domain has nothing live.</summary>
        private static void LiveOnly(TestDomain dom, DeviceScope scope, string function)
        {
            var effective = scope == DeviceScope.Current ? (dom.IsActive ? DeviceScope.Live : DeviceScope.Config) : scope;
            if ((effective & DeviceScope.Config) != 0)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, $"unsupported flags (0x2) in function {function}");
            if (!dom.IsActive) throw LibvirtException.OperationInvalid("domain is not running");
        }

        private static void AttachDisk(XElement devices, XElement disk)
        {
            var target = DomainDevices.Target(disk);
            var bus = (string?)disk.Element("target")?.Attribute("bus") ?? "";
            var same = devices.Elements("disk").FirstOrDefault(d => DomainDevices.Target(d) == target);
            if (same != null)
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Domain, $"XML error: target '{target}' duplicated for disk sources '{DomainDevices.SourceOf(same)}' and '{DomainDevices.SourceOf(disk)}'");
            if ((string?)disk.Attribute("device") == "cdrom" && bus == "virtio")
                throw new LibvirtException(ErrorCode.OperationUnsupported, ErrorDomain.Domain, "Operation not supported: cdrom device with virtio bus isn't supported");
            if (bus != "virtio")
                throw new LibvirtException(ErrorCode.OperationUnsupported, ErrorDomain.Test, $"Operation not supported: disk bus '{bus}' cannot be hotplugged.");
            var copy = new XElement(disk);
            copy.Element("alias")?.Remove();
            copy.Add(new XElement("alias", new XAttribute("name", "virtio-disk" + DiskIndex(target).ToString(CultureInfo.InvariantCulture))));
            var last = devices.Elements("disk").LastOrDefault();
            if (last != null) last.AddAfterSelf(copy); else devices.AddFirst(copy);
        }

        private static void AttachInterface(XElement devices, XElement nic)
        {
            var type = (string?)nic.Attribute("type") ?? "";
            if (type == "network")
                throw new LibvirtException(ErrorCode.OperationUnsupported, ErrorDomain.Test, "Operation not supported: hotplug of interface type of network is not implemented yet");
            var copy = new XElement(nic);
            if (copy.Element("mac") == null) copy.AddFirst(new XElement("mac", new XAttribute("address", MacAddress.Generate(Array.Empty<string>()))));
            var aliases = new HashSet<string>(devices.Elements("interface").Select(e => (string?)e.Element("alias")?.Attribute("name") ?? ""));
            var n = 0;
            while (aliases.Contains("net" + n.ToString(CultureInfo.InvariantCulture))) n++;
            copy.Element("alias")?.Remove();
            copy.Add(new XElement("alias", new XAttribute("name", "net" + n.ToString(CultureInfo.InvariantCulture))));
            var last = devices.Elements("interface").LastOrDefault() ?? devices.Elements("disk").LastOrDefault();
            if (last != null) last.AddAfterSelf(copy); else devices.AddFirst(copy);
        }

        /// <summary>vda → 0, vdb → 1, vdaa → 26 (libvirt's virDiskNameToIndex).</summary>
        private static int DiskIndex(string target)
        {
            var letters = new string(target.SkipWhile(c => c == 'v' || c == 'd' || c == 's' || c == 'h' || c == 'x').ToArray());
            if (target.StartsWith("vd", StringComparison.Ordinal)) letters = target.Substring(2);
            var index = 0;
            foreach (var c in letters) index = index * 26 + (c - 'a' + 1);
            return index - 1;
        }
    }
}
