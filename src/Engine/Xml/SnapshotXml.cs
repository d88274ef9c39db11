using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Xml
{
    /// <summary>Reads libvirt's &lt;domainsnapshot&gt; documents and writes the small one a new snapshot needs.</summary>
    public static class SnapshotXml
    {
        /// <summary>A snapshot as its XML (virDomainSnapshotGetXMLDesc) describes it; IsCurrent is the caller's to set.</summary>
        public static VMDomainSnapshot Parse(string xml, DomainIdentity domain, string host, string uri)
        {
            var root = SafeXml.Parse(xml, "domain snapshot").Root!;
            var created = long.TryParse(root.Element("creationTime")?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var secs) ? secs : 0;
            return new VMDomainSnapshot
            {
                Name = root.Element("name")?.Value.Trim() ?? "",
                Description = root.Element("description")?.Value,
                State = root.Element("state")?.Value.Trim() ?? "",
                Parent = root.Element("parent")?.Element("name")?.Value.Trim(),
                CreationTime = DateTimeOffset.FromUnixTimeSeconds(created).LocalDateTime,
                Kind = KindOf(root),
                Domain = domain.Name,
                DomainUuid = domain.Uuid,
                Host = host,
                Uri = uri,
            };
        }

        /// <summary>
        /// "disk-only" for a disk-only snapshot (state disk-snapshot), "external" when memory or a disk was
        /// saved to files of its own, else "internal" (inside the qcow2 images).
        /// </summary>
        private static string KindOf(XElement root)
        {
            if (root.Element("state")?.Value.Trim() == "disk-snapshot") return "disk-only";
            var memory = (string?)root.Element("memory")?.Attribute("snapshot");
            var external = memory == "external"
                || (root.Element("disks")?.Elements("disk") ?? Enumerable.Empty<XElement>()).Any(d => (string?)d.Attribute("snapshot") == "external");
            return external ? "external" : "internal";
        }

        /// <summary>The document for virDomainSnapshotCreateXML: a name and, when given, a description.</summary>
        public static string Build(string name, string? description)
        {
            var root = new XElement("domainsnapshot", new XElement("name", name));
            if (!string.IsNullOrEmpty(description)) root.Add(new XElement("description", description));
            return root.ToString();
        }
    }
}
