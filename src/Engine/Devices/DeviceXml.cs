using System;
using System.Xml.Linq;

namespace Libvirt.Engine.Devices
{
    /// <summary>
    /// Device XML built from typed values, so users never write any: a disk, a CD drive's media, an interface.
    /// Values are checked before anything is built (ArgumentException names the parameter).
    /// </summary>
    public static class DeviceXml
    {
        public static readonly string[] DiskBuses = { "virtio", "sata", "scsi", "ide", "usb" };
        public static readonly string[] DiskFormats = { "raw", "qcow2", "vmdk", "vdi", "vpc", "qed" };
        public static readonly string[] NicModels = { "virtio", "e1000", "e1000e", "rtl8139", "vmxnet3" };

        /// <summary>A file-backed disk: &lt;disk type='file' device='disk'&gt; with its driver format, source and target.</summary>
        public static XElement Disk(string path, string target, string bus, string? format, bool readOnly)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The disk image path is empty.", nameof(path));
            if (!path.StartsWith("/", StringComparison.Ordinal))
                throw new ArgumentException($"The disk image path '{path}' is not absolute: the host opens it, so it must be a full path on the host.", nameof(path));
            CheckOneOf(bus, DiskBuses, nameof(bus));
            if (format != null) CheckOneOf(format, DiskFormats, nameof(format));
            DiskTargets.Check(target);
            var disk = new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", format ?? "raw")),
                new XElement("source", new XAttribute("file", path)),
                new XElement("target", new XAttribute("dev", target), new XAttribute("bus", bus)));
            if (readOnly) disk.Add(new XElement("readonly"));
            return disk;
        }

        /// <summary>The CD drive <paramref name="cdrom"/> with new media (an ISO path) or none (ejected), for UPDATE_DEVICE.</summary>
        public static XElement CdromMedia(XElement cdrom, string? isoPath)
        {
            if (isoPath != null && !isoPath.StartsWith("/", StringComparison.Ordinal))
                throw new ArgumentException($"The ISO path '{isoPath}' is not absolute: the host opens it, so it must be a full path on the host.", nameof(isoPath));
            var copy = new XElement(cdrom);
            copy.Element("source")?.Remove();
            copy.SetAttributeValue("type", "file");
            if (isoPath != null)
            {
                var source = new XElement("source", new XAttribute("file", isoPath));
                var driver = copy.Element("driver");
                if (driver != null) driver.AddAfterSelf(source); else copy.AddFirst(source);
            }
            return copy;
        }

        /// <summary>An interface on a libvirt network (<paramref name="network"/>) or a host bridge.</summary>
        public static XElement Interface(string? network, string? bridge, string macAddress, string? model, bool connected)
        {
            if ((network == null) == (bridge == null)) throw new ArgumentException("Give either a network or a bridge.", nameof(network));
            var mac = MacAddress.Normalize(macAddress);
            if (model != null) CheckOneOf(model, NicModels, nameof(model));
            var e = network != null
                ? new XElement("interface", new XAttribute("type", "network"), new XElement("mac", new XAttribute("address", mac)), new XElement("source", new XAttribute("network", network)))
                : new XElement("interface", new XAttribute("type", "bridge"), new XElement("mac", new XAttribute("address", mac)), new XElement("source", new XAttribute("bridge", bridge!)));
            if (model != null) e.Add(new XElement("model", new XAttribute("type", model)));
            if (!connected) e.Add(new XElement("link", new XAttribute("state", "down")));
            return e;
        }

        /// <summary>The interface <paramref name="nic"/> with its link up or down, for UPDATE_DEVICE (virsh domif-setlink does the same).</summary>
        public static XElement WithLinkState(XElement nic, bool connected)
        {
            var copy = new XElement(nic);
            copy.Element("link")?.Remove();
            copy.Add(new XElement("link", new XAttribute("state", connected ? "up" : "down")));
            return copy;
        }

        private static void CheckOneOf(string value, string[] allowed, string parameter)
        {
            if (Array.IndexOf(allowed, value) < 0)
                throw new ArgumentException($"'{value}' is not one of {string.Join(", ", allowed)}.", parameter);
        }
    }
}
