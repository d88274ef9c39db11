using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Libvirt.Engine.Xml
{
    /// <summary>
    /// What a copy of a domain changes in its definition (virt-clone's rules): the name, a new UUID, new MAC
    /// addresses (libvirt makes them when absent), and the disks that the caller copied or overlaid.
    /// </summary>
    public static class DomainClone
    {
        /// <summary>The file disks of a definition: their source path and target device, in order.</summary>
        public static IReadOnlyList<(string Path, string Target)> FileDisks(string xml)
        {
            var root = SafeXml.Parse(xml, "domain XML").Root!;
            return root.Element("devices")?.Elements("disk")
                .Where(d => (string?)d.Attribute("device") != "cdrom" && (string?)d.Attribute("type") == "file")
                .Select(d => ((string?)d.Element("source")?.Attribute("file"), (string?)d.Element("target")?.Attribute("dev") ?? ""))
                .Where(t => t.Item1 != null)
                .Select(t => (t.Item1!, t.Item2))
                .ToList() ?? new List<(string, string)>();
        }

        /// <summary>The definition for the copy: new name, no UUID or MACs (the host assigns new ones), disk paths replaced, qcow2 where overlaid.</summary>
        public static string Rewrite(string xml, string newName, IReadOnlyDictionary<string, (string Path, string Format)> disks)
        {
            var root = new XElement(SafeXml.Parse(xml, "domain XML").Root!);
            root.Element("name")!.Value = newName;
            root.Elements("uuid").Remove();
            // Live-only state that must not carry over.
            root.Attribute("id")?.Remove();
            foreach (var mac in root.Element("devices")?.Elements("interface").Elements("mac").ToList() ?? new List<XElement>()) mac.Remove();
            foreach (var disk in root.Element("devices")?.Elements("disk") ?? Enumerable.Empty<XElement>())
            {
                var source = disk.Element("source");
                var path = (string?)source?.Attribute("file");
                if (path == null || !disks.TryGetValue(path, out var copy)) continue;
                source!.SetAttributeValue("file", copy.Path);
                var driver = disk.Element("driver");
                if (driver != null) driver.SetAttributeValue("type", copy.Format);
                disk.Elements("backingStore").Remove();
            }
            return root.ToString();
        }
    }
}
