using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Snapshots with libvirt's test-driver semantics (checked with python3-libvirt on test:///default): a new
    /// snapshot's parent is the current one and it becomes current; no name means the creation time in seconds;
    /// disk-only is refused; reverting restores the definition and the state; deleting reparents the children,
    /// or with children removes the subtree.
    /// </summary>
    public sealed partial class TestDriver : ISnapshotDriver
    {
        public Task<IReadOnlyList<VMDomainSnapshot>> ListAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            Query<IReadOnlyList<VMDomainSnapshot>>(domain, dom => dom.Snapshots.Select(s => ToModel(dom, s)).ToList());

        public Task<VMDomainSnapshot> LookupByNameAsync(DomainIdentity domain, string name, CancellationToken cancellationToken) =>
            Query(domain, dom => ToModel(dom, FindSnapshot(dom, name)));

        public Task<VMDomainSnapshot?> CurrentAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            Query(domain, dom => dom.CurrentSnapshot == null ? null : ToModel(dom, FindSnapshot(dom, dom.CurrentSnapshot)));

        public Task<VMDomainSnapshot> CreateAsync(DomainIdentity domain, string xml, SnapshotCreateFlags flags, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainSnapshotCreateXML");
            if ((flags & SnapshotCreateFlags.DiskOnly) != 0)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test,
                    $"unsupported flags (0x{(uint)flags & (uint)SnapshotCreateFlags.DiskOnly:x}) in function testDomainSnapshotCreateXML");
            var root = SafeXml.Parse(xml, "domain snapshot").Root!;
            if (root.Name.LocalName != "domainsnapshot")
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Xml, $"XML error: expecting root element of 'domainsnapshot', not '{root.Name.LocalName}'");
            lock (_host.Sync)
            {
                var dom = _host.Find(domain);
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var name = root.Element("name")?.Value.Trim();
                if (string.IsNullOrEmpty(name)) name = now.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (dom.Snapshots.Any(s => s.Name == name))
                    throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Domain, $"operation failed: domain moment {name} already exists") { Target = name };
                var snapshot = new TestSnapshot(name!, root.Element("description")?.Value, dom.CurrentSnapshot, now, dom.State, dom.Definition);
                dom.Snapshots.Add(snapshot);
                dom.CurrentSnapshot = snapshot.Name;
                return ToModel(dom, snapshot);
            }
        });

        public Task RevertAsync(SnapshotIdentity snapshot, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainRevertToSnapshot");
            lock (_host.Sync)
            {
                var dom = _host.Find(snapshot.Domain);
                var snap = FindSnapshot(dom, snapshot.Name);
                _host.RevertTo(dom, snap.Definition, snap.State);
                dom.CurrentSnapshot = snap.Name;
            }
        });

        public Task DeleteAsync(SnapshotIdentity snapshot, bool children, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckWritable("virDomainSnapshotDelete");
            lock (_host.Sync)
            {
                var dom = _host.Find(snapshot.Domain);
                var snap = FindSnapshot(dom, snapshot.Name);
                var doomed = new HashSet<string> { snap.Name };
                if (children)
                {
                    // Descendants: repeat until no snapshot's parent is newly doomed.
                    bool grew;
                    do
                    {
                        grew = false;
                        foreach (var s in dom.Snapshots)
                            if (s.Parent != null && doomed.Contains(s.Parent) && doomed.Add(s.Name)) grew = true;
                    } while (grew);
                }
                else
                {
                    foreach (var child in dom.Snapshots.Where(s => s.Parent == snap.Name)) child.Parent = snap.Parent;
                }
                if (dom.CurrentSnapshot != null && doomed.Contains(dom.CurrentSnapshot)) dom.CurrentSnapshot = snap.Parent;
                dom.Snapshots.RemoveAll(s => doomed.Contains(s.Name));
            }
        });

        private static TestSnapshot FindSnapshot(TestDomain dom, string name) =>
            dom.Snapshots.FirstOrDefault(s => s.Name == name)
                ?? throw new LibvirtException(ErrorCode.NoDomainSnapshot, ErrorDomain.Test,
                    $"Domain snapshot not found: no domain snapshot with matching name '{name}'") { Target = name };

        private VMDomainSnapshot ToModel(TestDomain dom, TestSnapshot s) => new VMDomainSnapshot
        {
            Name = s.Name,
            Domain = dom.Name,
            DomainUuid = dom.Uuid,
            Parent = s.Parent,
            CreationTime = DateTimeOffset.FromUnixTimeSeconds(s.CreationTime).LocalDateTime,
            State = s.StateName,
            IsCurrent = dom.CurrentSnapshot == s.Name,
            Description = s.Description,
            Kind = "internal",
            Host = _host.Hostname,
            Uri = UriText,
        };
    }
}
