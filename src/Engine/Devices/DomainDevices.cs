using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Xml;

namespace Libvirt.Engine.Devices
{
    /// <summary>
    /// The disks and interfaces of a domain, read from its XML (parsed with <see cref="SafeXml"/>: no DTD, no
    /// external entities). Each device keeps its element, so a detach or an update sends back what the host wrote.
    /// </summary>
    public sealed class DomainDevices
    {
        private DomainDevices(XElement root) { Root = root; }

        public XElement Root { get; }

        public static DomainDevices Parse(string domainXml) => new DomainDevices(SafeXml.Parse(domainXml, "domain definition").Root!);

        public IEnumerable<XElement> DiskElements => Devices.Elements("disk");

        public IEnumerable<XElement> InterfaceElements => Devices.Elements("interface");

        private XElement Devices => Root.Element("devices") ?? new XElement("devices");

        public IReadOnlyList<VMDomainDisk> Disks(string domain) => DiskElements.Select(e => ReadDisk(e, domain)).ToList();

        public IReadOnlyList<VMDomainNetworkAdapter> Interfaces(string domain) => InterfaceElements.Select(e => ReadInterface(e, domain)).ToList();

        /// <summary>The disk whose target or source is <paramref name="targetOrPath"/> (as virsh's detach-disk and domblkinfo look one up).</summary>
        public XElement? FindDisk(string targetOrPath) =>
            DiskElements.FirstOrDefault(e => Target(e) == targetOrPath) ?? DiskElements.FirstOrDefault(e => SourceOf(e) == targetOrPath);

        public XElement? FindInterface(string macAddress) =>
            InterfaceElements.FirstOrDefault(e => string.Equals((string?)e.Element("mac")?.Attribute("address"), macAddress, System.StringComparison.OrdinalIgnoreCase));

        public IEnumerable<string> Targets => DiskElements.Select(Target).Where(t => t.Length > 0);

        public IEnumerable<string> MacAddresses => InterfaceElements.Select(e => (string?)e.Element("mac")?.Attribute("address") ?? "").Where(m => m.Length > 0);

        public static string Target(XElement disk) => (string?)disk.Element("target")?.Attribute("dev") ?? "";

        public static VMDomainDisk ReadDisk(XElement e, string domain)
        {
            var target = e.Element("target");
            return new VMDomainDisk
            {
                Domain = domain,
                Target = (string?)target?.Attribute("dev") ?? "",
                Bus = (string?)target?.Attribute("bus") ?? "",
                Device = (string?)e.Attribute("device") ?? "disk",
                Type = (string?)e.Attribute("type") ?? "file",
                Source = SourceOf(e),
                Format = (string?)e.Element("driver")?.Attribute("type"),
                ReadOnly = e.Element("readonly") != null,
                Alias = (string?)e.Element("alias")?.Attribute("name"),
            };
        }

        /// <summary>A disk's source as virsh domblklist shows it: file, dev, dir, network name, or pool/volume.</summary>
        public static string? SourceOf(XElement disk)
        {
            var s = disk.Element("source");
            if (s == null) return null;
            var pool = (string?)s.Attribute("pool");
            if (pool != null) return pool + "/" + (string?)s.Attribute("volume");
            return (string?)s.Attribute("file") ?? (string?)s.Attribute("dev") ?? (string?)s.Attribute("dir") ?? (string?)s.Attribute("name");
        }

        public static VMDomainNetworkAdapter ReadInterface(XElement e, string domain)
        {
            var type = (string?)e.Attribute("type") ?? "";
            var source = e.Element("source");
            return new VMDomainNetworkAdapter
            {
                Domain = domain,
                Type = type,
                MacAddress = (string?)e.Element("mac")?.Attribute("address") ?? "",
                Network = type == "network" ? (string?)source?.Attribute("network") : null,
                Bridge = (string?)source?.Attribute("bridge"),
                Model = (string?)e.Element("model")?.Attribute("type"),
                HostInterface = (string?)e.Element("target")?.Attribute("dev"),
                Connected = (string?)e.Element("link")?.Attribute("state") != "down",
                Alias = (string?)e.Element("alias")?.Attribute("name"),
            };
        }
    }
}
