using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// vCPUs, memory, title/description and renaming on a test domain, with libvirt's test-driver checks,
    /// codes and texts (measured with python3-libvirt on test:///default, libvirt 9.0). Every change is checked
    /// on each definition it affects before any definition changes. Called under the host's lock.
    /// </summary>
    internal static class TestDomainConfig
    {
        /// <summary>The test driver's vCPU limit (virConnectGetMaxVcpus of test:///default).</summary>
        private const int MaxSupportedVcpus = 32;

        public static int GetVcpus(TestDomain dom, DomainImpact impact, bool maximum)
        {
            RequireOneOf(impact);
            var def = Targets(dom, impact).Single().Get();
            return maximum ? MaxVcpus(def) : def.VCpus;
        }

        public static void SetVcpus(TestDomain dom, int count, DomainImpact impact)
        {
            if (count <= 0) throw ApiError(ErrorCode.InvalidArg, "nvcpus in virDomainSetVcpusFlags must not be zero");
            var targets = Targets(dom, impact);
            if (count > MaxSupportedVcpus)
                throw LibvirtException.InvalidArg($"requested cpu amount exceeds maximum supported amount ({count} > {MaxSupportedVcpus})", ErrorDomain.Test, dom.Name);
            foreach (var t in targets)
            {
                var max = MaxVcpus(t.Get());
                if (count > max)
                    throw LibvirtException.InvalidArg($"requested cpu amount exceeds maximum ({count} > {max})", ErrorDomain.Test, dom.Name);
            }
            foreach (var t in targets)
                t.Edit(root =>
                {
                    var vcpu = root.Element("vcpu")!;
                    var max = int.Parse(vcpu.Value.Trim(), CultureInfo.InvariantCulture);
                    vcpu.SetAttributeValue("current", count == max ? null : count.ToString(CultureInfo.InvariantCulture));
                });
        }

        public static void SetMemory(TestDomain dom, ulong kib, DomainImpact impact, bool maximum)
        {
            if (kib == 0) throw ApiError(ErrorCode.InvalidArg, "memory in virDomainSetMemoryFlags must not be zero");
            RequireOneOf(impact);
            var target = Targets(dom, impact).Single();
            if (maximum)
            {
                if (target.IsLive)
                    throw LibvirtException.OperationInvalid("cannot resize the maximum memory on an active domain", ErrorDomain.Test, dom.Name);
                target.Edit(root =>
                {
                    SetKiB(root, "memory", kib);
                    var current = root.Element("currentMemory");
                    if (current == null || ParseKiB(current) > kib) SetKiB(root, "currentMemory", kib);
                });
                return;
            }
            if (kib > target.Get().MemoryKiB)
                throw LibvirtException.InvalidArg("cannot set memory higher than max memory", ErrorDomain.Test, dom.Name);
            target.Edit(root => SetKiB(root, "currentMemory", kib));
        }

        public static string? GetMetadata(TestDomain dom, DomainMetadataKind kind, DomainImpact impact)
        {
            RequireOneOf(impact);
            var value = Targets(dom, impact).Single().Get().Root.Element(ElementOf(kind))?.Value;
            if (value == null)
                throw new LibvirtException(ErrorCode.NoDomainMetadata, ErrorDomain.Domain, "metadata not found: Requested metadata element is not present") { Target = dom.Name };
            return value;
        }

        public static void SetMetadata(TestDomain dom, DomainMetadataKind kind, string? value, DomainImpact impact)
        {
            var targets = Targets(dom, impact);
            if (kind == DomainMetadataKind.Title && value != null && value.IndexOf('\n') >= 0)
                throw ApiError(ErrorCode.InvalidArg, "metadata title can't contain newlines");
            var name = ElementOf(kind);
            foreach (var t in targets)
                t.Edit(root =>
                {
                    root.Element(name)?.Remove();
                    if (string.IsNullOrEmpty(value)) return;
                    // libvirt's order: name, uuid, genid, title, description.
                    var after = root.Elements().Where(e => e.Name.LocalName is "name" or "uuid" or "genid" || (name == "description" && e.Name.LocalName == "title")).LastOrDefault();
                    var element = new XElement(name, value);
                    if (after != null) after.AddAfterSelf(element); else root.AddFirst(element);
                });
        }

        public static void Rename(TestHost host, TestDomain dom, string newName)
        {
            if (string.IsNullOrEmpty(newName)) throw ApiError(ErrorCode.InvalidArg, "string new_name in virDomainRename must not be empty");
            if (dom.IsActive) throw LibvirtException.OperationInvalid("cannot rename active domain", ErrorDomain.Test, dom.Name);
            if (newName == dom.Name) throw LibvirtException.OperationInvalid("Can't rename domain to itself", ErrorDomain.Domain, dom.Name);
            if (host.TryFindByName(newName) != null)
                throw LibvirtException.OperationInvalid($"domain with name '{newName}' already exists", ErrorDomain.Domain, dom.Name);
            if (newName.Contains("/"))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Test, $"XML error: name {newName} cannot contain '/'") { Target = dom.Name };
            dom.Definition = dom.Definition.Renamed(newName);
        }

        /// <summary>One definition a change affects, read and replaced as a whole (definitions are shared, never edited in place).</summary>
        private sealed class Target
        {
            public Target(bool isLive, Func<DomainDefinition> get, Action<DomainDefinition> set) { IsLive = isLive; Get = get; _set = set; }
            private readonly Action<DomainDefinition> _set;
            public bool IsLive { get; }
            public Func<DomainDefinition> Get { get; }

            public void Edit(Action<XElement> edit)
            {
                var root = new XElement(Get().Root);
                edit(root);
                _set(DomainDefinition.FromElement(root));
            }
        }

        /// <summary>libvirt's virDomainObjUpdateModificationImpact and GetDefs: current is live when running.</summary>
        private static List<Target> Targets(TestDomain dom, DomainImpact impact)
        {
            if (impact == DomainImpact.Current) impact = dom.IsActive ? DomainImpact.Live : DomainImpact.Config;
            if ((impact & DomainImpact.Live) != 0 && !dom.IsActive)
                throw LibvirtException.OperationInvalid("domain is not running", ErrorDomain.Domain, dom.Name);
            if ((impact & DomainImpact.Config) != 0 && !dom.Persistent)
                throw LibvirtException.OperationInvalid("transient domains do not have any persistent config", ErrorDomain.Domain, dom.Name);
            var result = new List<Target>();
            if ((impact & DomainImpact.Live) != 0)
                result.Add(new Target(true, () => dom.Definition, d => dom.Definition = d));
            if ((impact & DomainImpact.Config) != 0)
            {
                result.Add(dom.IsActive
                    ? new Target(false, () => dom.PendingDefinition ?? dom.Definition, d => dom.PendingDefinition = d)
                    : new Target(false, () => dom.Definition, d => dom.Definition = d));
            }
            return result;
        }

        private static void RequireOneOf(DomainImpact impact)
        {
            if (impact == (DomainImpact.Live | DomainImpact.Config))
                throw ApiError(ErrorCode.InvalidArg, "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        }

        private static int MaxVcpus(DomainDefinition def)
        {
            var text = def.Root.Element("vcpu")?.Value.Trim();
            return text != null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        }

        private static string ElementOf(DomainMetadataKind kind) => kind == DomainMetadataKind.Title ? "title" : "description";

        private static ulong ParseKiB(XElement e) => MemorySize.ToKiB(e.Value, (string?)e.Attribute("unit"), e.Name.LocalName);

        private static void SetKiB(XElement root, string name, ulong kib)
        {
            var e = root.Element(name);
            if (e == null)
            {
                e = new XElement(name);
                (root.Element(name == "memory" ? "name" : "memory") ?? root.Elements().Last()).AddAfterSelf(e);
            }
            e.SetAttributeValue("unit", "KiB");
            e.Value = kib.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Argument checks of libvirt's public API: VIR_FROM_DOMAIN, no "invalid argument:" prefix.</summary>
        private static LibvirtException ApiError(ErrorCode code, string message) => new LibvirtException(code, ErrorDomain.Domain, message);
    }
}
