using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Xml
{
    /// <summary>
    /// The parts of a libvirt domain definition the module reads (type, name, UUID, memory, vCPUs), over the
    /// full XML document, which is kept as given so nothing is lost when it is written back.
    /// </summary>
    public sealed class DomainDefinition
    {
        private DomainDefinition(XElement root) { Root = root; }

        public XElement Root { get; }
        public string Type => (string?)Root.Attribute("type") ?? "";
        public string Name => Root.Element("name")?.Value.Trim() ?? "";

        public Guid Uuid
        {
            get => Guid.Parse(Root.Element("uuid")!.Value.Trim());
            set => SetElement("uuid", value.ToString("D"));
        }

        public ulong MemoryKiB { get; private set; }
        public ulong CurrentMemoryKiB { get; private set; }
        public int VCpus { get; private set; }

        /// <summary>Parses a domain definition; a missing UUID is generated, as libvirt does.</summary>
        public static DomainDefinition Parse(string xml)
        {
            var doc = SafeXml.Parse(xml, "domain definition");
            return FromElement(doc.Root!);
        }

        public static DomainDefinition FromElement(XElement element)
        {
            var root = new XElement(element);
            if (root.Name.LocalName != "domain")
                throw Error($"expected root element <domain>, found <{root.Name.LocalName}>");
            var def = new DomainDefinition(root);
            // libvirt's parser, in its order and with its codes (checked against libvirt 9.0's test driver).
            if (string.IsNullOrEmpty(def.Type))
                throw new LibvirtException(ErrorCode.InternalError, ErrorDomain.Domain, "internal error: missing domain type attribute");
            if (Array.IndexOf(KnownTypes, def.Type) < 0)
                throw new LibvirtException(ErrorCode.ConfigUnsupported, ErrorDomain.Domain, $"unsupported configuration: invalid domain type {def.Type}");
            if (def.Name.Length == 0)
                throw new LibvirtException(ErrorCode.NoName, ErrorDomain.Domain, "missing name information");
            if (def.Name.Contains("/"))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Domain, $"name '{def.Name}' cannot contain '/'");
            var uuid = root.Element("uuid");
            if (uuid == null)
                def.Uuid = Guid.NewGuid();
            else if (!Guid.TryParse(uuid.Value.Trim(), out _))
                throw Error($"malformed uuid element '{uuid.Value}'");

            var memory = root.Element("memory");
            var cells = NumaCellsKiB(root);
            if (memory == null && cells == 0)
                throw Error("Memory size must be specified via <memory> or in the <numa> configuration");
            // With NUMA cells, their sum is the memory, whatever <memory> says (libvirt does the same).
            def.MemoryKiB = cells > 0 ? cells : MemorySize.ToKiB(memory!.Value, (string?)memory.Attribute("unit"), "memory");
            var current = root.Element("currentMemory");
            def.CurrentMemoryKiB = current == null ? def.MemoryKiB : MemorySize.ToKiB(current.Value, (string?)current.Attribute("unit"), "currentMemory");
            if (def.CurrentMemoryKiB > def.MemoryKiB) def.CurrentMemoryKiB = def.MemoryKiB;

            var vcpu = root.Element("vcpu");
            if (vcpu == null) def.VCpus = 1;
            else
            {
                var text = (string?)vcpu.Attribute("current") ?? vcpu.Value;
                if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    throw Error($"invalid vcpu count '{text}'");
                def.VCpus = n;
            }
            if (root.Element("os")?.Element("type") == null)
                throw Error("an os <type> must be specified");
            return def;
        }

        /// <summary>virDomainVirtType names libvirt's parser accepts for &lt;domain type='...'&gt;.</summary>
        private static readonly string[] KnownTypes =
        {
            "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware", "hyperv", "vbox",
            "phyp", "parallels", "bhyve", "vz", "ch", "hvf",
        };

        private static ulong NumaCellsKiB(XElement root)
        {
            ulong sum = 0;
            foreach (var cell in root.Element("cpu")?.Element("numa")?.Elements("cell") ?? Enumerable.Empty<XElement>())
            {
                var memory = (string?)cell.Attribute("memory") ?? throw Error("Missing 'memory' attribute in NUMA cell");
                sum += MemorySize.ToKiB(memory, (string?)cell.Attribute("unit"), "cell");
            }
            return sum;
        }

        /// <summary>The &lt;name&gt; of a domain document, or null when it has none or does not parse; never throws.</summary>
        public static string? TryReadName(string xml)
        {
            try { return SafeXml.Parse(xml, "domain definition").Root?.Element("name")?.Value.Trim(); }
            catch (LibvirtException) { return null; }
        }

        public DomainDefinition Clone() => FromElement(Root);

        /// <summary>The XML text; with an id for a running domain, without one for a definition.</summary>
        public string ToXml(int? id)
        {
            var copy = new XElement(Root);
            copy.SetAttributeValue("id", id?.ToString(CultureInfo.InvariantCulture));
            return copy.ToString();
        }

        /// <summary>A copy under another name (migration's destination_name).</summary>
        public DomainDefinition Renamed(string name)
        {
            var copy = Clone();
            copy.SetElement("name", name);
            return copy;
        }

        private void SetElement(string name, string value)
        {
            var e = Root.Element(name);
            if (e == null)
            {
                e = new XElement(name);
                var after = Root.Element("name");
                if (after != null) after.AddAfterSelf(e); else Root.AddFirst(e);
            }
            e.Value = value;
        }

        private static LibvirtException Error(string message) =>
            new LibvirtException(ErrorCode.XmlError, ErrorDomain.Domain, "XML error: " + message);
    }
}
