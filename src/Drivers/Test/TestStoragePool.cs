using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// A storage pool of the embedded test hypervisor, with libvirt's test-driver figures: every pool holds
    /// 100 GiB, volumes take their allocation from it, and a volume's key and path are the pool's target path
    /// joined with its name.
    /// </summary>
    internal sealed class TestStoragePool
    {
        public const ulong PoolCapacity = 107374182400;

        public TestStoragePool(XElement definition) { Definition = definition; }

        public XElement Definition { get; set; }
        public string Name => Definition.Element("name")!.Value;
        public Guid Uuid => Guid.Parse(Definition.Element("uuid")!.Value);
        public string Type => (string?)Definition.Attribute("type") ?? "dir";
        public string TargetPath => Definition.Element("target")?.Element("path")?.Value.Trim() ?? "";
        public bool Active { get; set; }
        public bool Persistent { get; set; }
        public bool Autostart { get; set; }
        public List<TestVolume> Volumes { get; } = new List<TestVolume>();

        public ulong Allocation => Volumes.Aggregate(0UL, (sum, v) => sum + v.Allocation);

        public VMStoragePool ToModel(string host, string uri) => new VMStoragePool
        {
            Name = Name,
            Uuid = Uuid,
            State = Active ? StoragePoolState.Running : StoragePoolState.Inactive,
            Capacity = PoolCapacity,
            Allocation = Allocation,
            Available = PoolCapacity - Allocation,
            Persistent = Persistent,
            Autostart = Autostart,
            Type = Type,
            Path = TargetPath,
            Host = host,
            Uri = uri,
        };

        /// <summary>The pool's XML as libvirt's test driver formats it: uuid, the three sizes, source and target.</summary>
        public string ToXml()
        {
            var x = new XElement(Definition);
            x.Elements("capacity").Remove();
            x.Elements("allocation").Remove();
            x.Elements("available").Remove();
            x.Elements("volume").Remove();
            var after = x.Element("uuid")!;
            after.AddAfterSelf(
                new XElement("capacity", new XAttribute("unit", "bytes"), PoolCapacity.ToString(CultureInfo.InvariantCulture)),
                new XElement("allocation", new XAttribute("unit", "bytes"), Allocation.ToString(CultureInfo.InvariantCulture)),
                new XElement("available", new XAttribute("unit", "bytes"), (PoolCapacity - Allocation).ToString(CultureInfo.InvariantCulture)));
            if (x.Element("source") == null) x.Element("available")!.AddAfterSelf(new XElement("source", "\n  "));
            return x.ToString() + "\n";
        }

        public static XElement Parse(string xml)
        {
            if (SafeXml.DeclaresDocumentType(xml)) throw SafeXml.DtdRefused("storage pool definition");
            var root = SafeXml.Parse(xml, "storage pool XML").Root!;
            if (root.Name.LocalName != "pool")
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, $"XML error: unexpected root element <{root.Name.LocalName}>, expecting <pool>");
            return Normalize(new XElement(root));
        }

        /// <summary>libvirt's checks: a pool type, a name, and for a dir pool a target path; a UUID is made up when absent.</summary>
        public static XElement Normalize(XElement root)
        {
            var type = (string?)root.Attribute("type");
            if (string.IsNullOrEmpty(type))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, "XML error: storage pool missing type attribute");
            var name = root.Element("name")?.Value.Trim();
            if (string.IsNullOrEmpty(name))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, "XML error: missing pool source name element");
            if ((type == "dir" || type == "fs" || type == "netfs") && string.IsNullOrEmpty(root.Element("target")?.Element("path")?.Value.Trim()))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, "XML error: missing storage pool target path");
            var uuid = root.Element("uuid");
            if (uuid == null) root.Element("name")!.AddAfterSelf(new XElement("uuid", Guid.NewGuid().ToString()));
            else if (!Guid.TryParse(uuid.Value.Trim(), out var parsed))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, "XML error: malformed uuid element");
            else uuid.Value = parsed.ToString();
            return root;
        }

        public void RequireActive()
        {
            if (!Active) throw LibvirtException.OperationInvalid($"storage pool '{Name}' is not active", ErrorDomain.Test, Name);
        }
    }

    /// <summary>A volume of a test pool.</summary>
    internal sealed class TestVolume
    {
        public string Name { get; set; } = "";
        public string Path { get; set; } = "";
        public ulong Capacity { get; set; }
        public ulong Allocation { get; set; }
        public string Format { get; set; } = "raw";
        public string? BackingPath { get; set; }
        public string? BackingFormat { get; set; }

        public VMStorageVolume ToModel(TestStoragePool pool, string host, string uri) => new VMStorageVolume
        {
            Name = Name,
            Pool = pool.Name,
            Key = Path,
            Path = Path,
            Type = StorageVolumeType.File,
            Capacity = Capacity,
            Allocation = Allocation,
            Format = Format,
            BackingStore = BackingPath,
            Host = host,
            Uri = uri,
        };

        public string ToXml()
        {
            var x = new XElement("volume", new XAttribute("type", "file"),
                new XElement("name", Name),
                new XElement("key", Path),
                new XElement("capacity", new XAttribute("unit", "bytes"), Capacity.ToString(CultureInfo.InvariantCulture)),
                new XElement("allocation", new XAttribute("unit", "bytes"), Allocation.ToString(CultureInfo.InvariantCulture)),
                new XElement("target", new XElement("path", Path), new XElement("format", new XAttribute("type", Format))));
            if (BackingPath != null)
            {
                var backing = new XElement("backingStore", new XElement("path", BackingPath));
                if (BackingFormat != null) backing.Add(new XElement("format", new XAttribute("type", BackingFormat)));
                x.Add(backing);
            }
            return x.ToString() + "\n";
        }

        /// <summary>
        /// A volume definition as libvirt's test driver takes it: a name (XML error otherwise), a capacity with
        /// libvirt's units, an allocation that defaults to the capacity, the format (raw unless given), a backing store.
        /// </summary>
        public static TestVolume Parse(string xml, TestStoragePool pool)
        {
            if (SafeXml.DeclaresDocumentType(xml)) throw SafeXml.DtdRefused("storage volume definition");
            var root = SafeXml.Parse(xml, "storage volume XML").Root!;
            return FromElement(root, pool);
        }

        public static TestVolume FromElement(XElement root, TestStoragePool pool)
        {
            var name = root.Element("name")?.Value.Trim();
            if (string.IsNullOrEmpty(name))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, "XML error: missing volume name element");
            var capacity = root.Element("capacity");
            if (capacity == null)
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, "XML error: missing capacity element");
            var cap = Bytes(capacity);
            var alloc = root.Element("allocation") is XElement a ? Bytes(a) : cap;
            var backing = root.Element("backingStore");
            return new TestVolume
            {
                Name = name!,
                Path = pool.TargetPath.TrimEnd('/') + "/" + name,
                Capacity = cap,
                Allocation = alloc,
                Format = (string?)root.Element("target")?.Element("format")?.Attribute("type") ?? "raw",
                BackingPath = backing?.Element("path")?.Value.Trim(),
                BackingFormat = (string?)backing?.Element("format")?.Attribute("type"),
            };
        }

        private static ulong Bytes(XElement e) => MemorySize.ToBytes(e.Value, (string?)e.Attribute("unit"), e.Name.LocalName);
    }
}
