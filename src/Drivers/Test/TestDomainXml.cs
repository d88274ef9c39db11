using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// A definition as libvirt stores and shows it after parsing: defaults filled in (UUID, currentMemory,
    /// vCPU placement, boot device, clock, lifecycle actions, devices), sizes in KiB, and the top-level
    /// elements in the order libvirt's formatter writes them. What libvirt would keep but this does not know is
    /// kept, before &lt;devices&gt;. Checked against libvirt 9.0's test driver (virsh dumpxml).
    /// </summary>
    internal static class TestDomainXml
    {
        /// <summary>libvirt's formatter order for the top-level elements this knows.</summary>
        private static readonly string[] Order =
        {
            "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory", "currentMemory",
            "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads", "iothreadids", "cputune", "numatune",
            "resource", "sysinfo", "bootloader", "bootloader_args", "os", "idmap", "features", "cpu", "clock",
            "on_poweroff", "on_reboot", "on_crash", "on_lockfailure", "pm", "perf",
        };

        private static readonly (string Element, string Default)[] LifecycleDefaults =
        {
            ("on_poweroff", "destroy"), ("on_reboot", "restart"), ("on_crash", "destroy"),
        };

        public static DomainDefinition Normalize(DomainDefinition def)
        {
            var source = new XElement(def.Root);
            foreach (var blank in source.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList())
                blank.Remove();

            SetKiB(source, "memory", def.MemoryKiB);
            SetKiB(source, "currentMemory", def.CurrentMemoryKiB);
            var vcpu = Ensure(source, "vcpu", "1");
            if (vcpu.Attribute("placement") == null) vcpu.SetAttributeValue("placement", "static");
            NormalizeOs(source.Element("os")!);
            foreach (var cell in source.Element("cpu")?.Element("numa")?.Elements("cell") ?? Enumerable.Empty<XElement>())
            {
                var kib = MemorySize.ToKiB((string)cell.Attribute("memory")!, (string?)cell.Attribute("unit"), "cell");
                cell.SetAttributeValue("memory", kib.ToString(CultureInfo.InvariantCulture));
                cell.SetAttributeValue("unit", "KiB");
            }
            if (source.Element("clock") == null) source.Add(new XElement("clock", new XAttribute("offset", "utc")));
            foreach (var (element, value) in LifecycleDefaults) Ensure(source, element, value);
            if (source.Element("devices") == null) source.Add(new XElement("devices", ""));

            var result = new XElement(source.Name, source.Attributes());
            foreach (var name in Order)
                foreach (var e in source.Elements(name)) result.Add(e);
            var known = new HashSet<string>(Order) { "devices" };
            foreach (var e in source.Elements().Where(e => !known.Contains(e.Name.LocalName))) result.Add(e);
            foreach (var e in source.Elements("devices")) result.Add(e);
            return DomainDefinition.FromElement(result);
        }

        private static void NormalizeOs(XElement os)
        {
            var type = os.Element("type")!;
            if (type.Attribute("arch") == null) type.SetAttributeValue("arch", "i686");
            // Direct kernel boot needs no boot device.
            if (type.Value.Trim() == "hvm" && os.Element("boot") == null && os.Element("kernel") == null)
                type.AddAfterSelf(new XElement("boot", new XAttribute("dev", "hd")));
        }

        private static void SetKiB(XElement root, string name, ulong kib)
        {
            var e = Ensure(root, name, "");
            e.SetAttributeValue("unit", "KiB");
            e.Value = kib.ToString(CultureInfo.InvariantCulture);
        }

        private static XElement Ensure(XElement root, string name, string value)
        {
            var e = root.Element(name);
            if (e != null) return e;
            e = new XElement(name, value);
            root.Add(e);
            return e;
        }
    }
}
