using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Loads a host from a node file in libvirt's test-driver format: &lt;node&gt; with &lt;cpu&gt;, &lt;memory&gt;
    /// (KiB) and &lt;domain&gt; elements, inline or as &lt;domain file='...'/&gt; relative to the node file. Domains
    /// start running unless the test namespace says otherwise (&lt;test:runstate&gt;, &lt;test:transient/&gt;,
    /// &lt;test:hasmanagedsave/&gt;).
    /// </summary>
    internal static class TestNodeFile
    {
        private static readonly XNamespace TestNs = "http://libvirt.org/schemas/domain/test/1.0";

        public static TestHost Load(string path)
        {
            var doc = SafeXml.Parse(File.ReadAllText(path), $"test node file '{path}'");
            var node = doc.Root!;
            if (node.Name.LocalName != "node")
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Test, $"test node file '{path}' must have a <node> root element");
            var info = new TestNodeInfo();
            var cpu = node.Element("cpu");
            if (cpu != null)
            {
                info.Mhz = Int(cpu, "mhz", info.Mhz);
                info.Nodes = Int(cpu, "nodes", info.Nodes);
                info.Sockets = Int(cpu, "sockets", info.Sockets);
                info.Cores = Int(cpu, "cores", info.Cores);
                info.Threads = Int(cpu, "threads", info.Threads);
                if (cpu.Element("active") != null) info.Active = Int(cpu, "active", 0);
                info.Model = cpu.Element("model")?.Value.Trim() ?? info.Model;
            }
            var memory = node.Element("memory");
            if (memory != null) info.MemoryKiB = MemorySize.ToKiB(memory.Value, (string?)memory.Attribute("unit"), "memory");

            var name = Path.GetFileNameWithoutExtension(path);
            var host = new TestHost(path, name, info);
            var dir = Path.GetDirectoryName(path) ?? ".";
            foreach (var element in node.Elements("domain"))
            {
                var source = element;
                var file = (string?)element.Attribute("file");
                if (file != null)
                {
                    var full = Path.IsPathRooted(file) ? file : Path.Combine(dir, file);
                    source = SafeXml.Parse(File.ReadAllText(full), $"domain file '{full}'").Root!;
                }
                var transient = source.Element(TestNs + "transient") != null;
                var managedSave = source.Element(TestNs + "hasmanagedsave") != null;
                var state = RunState(source);
                source.Elements().Where(e => e.Name.Namespace == TestNs).Remove();
                // Any domain type libvirt knows loads, as in libvirt's test driver (kvm, qemu, test...).
                var dom = host.Load(TestDomainXml.Normalize(DomainDefinition.FromElement(source)), persistent: !transient, state);
                dom.HasManagedSave = managedSave;
            }
            // Networks and pools of the node file start active and persistent, as in libvirt's test driver;
            // a pool's <volume> children are its volumes.
            foreach (var element in node.Elements("network"))
                host.Networks.Add(new TestNetwork(TestNetwork.Normalize(new XElement(Included(element, dir, "network")))) { Active = true, Persistent = true });
            foreach (var element in node.Elements("pool"))
            {
                var source = new XElement(Included(element, dir, "pool"));
                var volumes = source.Elements("volume").ToList();
                volumes.Remove();
                var pool = new TestStoragePool(TestStoragePool.Normalize(source)) { Active = true, Persistent = true };
                foreach (var v in volumes) pool.Volumes.Add(TestVolume.FromElement(Included(v, dir, "volume"), pool));
                host.Pools.Add(pool);
            }
            return host;
        }

        /// <summary>An element given inline or as file='...' relative to the node file.</summary>
        private static XElement Included(XElement element, string dir, string what)
        {
            var file = (string?)element.Attribute("file");
            if (file == null) return element;
            var full = Path.IsPathRooted(file) ? file : Path.Combine(dir, file);
            return SafeXml.Parse(File.ReadAllText(full), $"{what} file '{full}'").Root!;
        }

        private static DomainState RunState(XElement domain)
        {
            var text = domain.Element(TestNs + "runstate")?.Value.Trim();
            if (text == null) return DomainState.Running;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || !Enum.IsDefined(typeof(DomainState), v) || v == 0)
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Test, $"invalid test:runstate '{text}'");
            return (DomainState)v;
        }

        private static int Int(XElement parent, string name, int fallback)
        {
            var e = parent.Element(name);
            if (e == null) return fallback;
            if (!int.TryParse(e.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Test, $"invalid <{name}> value '{e.Value}' in test node file");
            return v;
        }
    }
}
