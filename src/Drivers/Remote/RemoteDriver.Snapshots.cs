using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Remote
{
    public sealed partial class RemoteDriver : ISnapshotDriver
    {
        private const uint SnapshotDeleteChildren = 1;

        /// <summary>LIST_ALL_SNAPSHOTS, then every snapshot's XML and the current snapshot, all sent at once.</summary>
        public async Task<IReadOnlyList<VMDomainSnapshot>> ListAsync(DomainIdentity domain, CancellationToken cancellationToken)
        {
            var current = CurrentNameAsync(domain, cancellationToken);
            SnapshotIdentity[] list;
            try { list = await CallAsync(SnapshotProcedures.DomainListAllSnapshots, new DomainAndFlags(domain, 0u), cancellationToken).ConfigureAwait(false); }
            catch { Observe(current); throw; }
            var xml = list.Select(s => CallAsync(SnapshotProcedures.DomainSnapshotGetXmlDesc, new SnapshotAndFlags(s, 0u), cancellationToken)).ToArray();
            var all = xml.Cast<Task>().Append(current).ToArray();
            try { await Task.WhenAll(all).ConfigureAwait(false); }
            catch { Observe(all); throw; }
            var host = await HostnameAsync(cancellationToken).ConfigureAwait(false);
            return list.Select((s, i) => Describe(s, xml[i].Result, current.Result, host)).ToList();
        }

        public async Task<VMDomainSnapshot> LookupByNameAsync(DomainIdentity domain, string name, CancellationToken cancellationToken) =>
            await DescribeAsync(await CallAsync(SnapshotProcedures.DomainSnapshotLookupByName, new SnapshotIdentity(domain, name), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task<VMDomainSnapshot?> CurrentAsync(DomainIdentity domain, CancellationToken cancellationToken)
        {
            var name = await CurrentNameAsync(domain, cancellationToken).ConfigureAwait(false);
            return name == null ? null : await LookupByNameAsync(domain, name, cancellationToken).ConfigureAwait(false);
        }

        public async Task<VMDomainSnapshot> CreateAsync(DomainIdentity domain, string xml, SnapshotCreateFlags flags, CancellationToken cancellationToken) =>
            await DescribeAsync(await CallAsync(SnapshotProcedures.DomainSnapshotCreateXml, new SnapshotCreateArgs(domain, xml, (uint)flags), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public Task RevertAsync(SnapshotIdentity snapshot, CancellationToken cancellationToken) =>
            CallAsync(SnapshotProcedures.DomainRevertToSnapshot, new SnapshotAndFlags(snapshot, 0u), cancellationToken);

        public Task DeleteAsync(SnapshotIdentity snapshot, bool children, CancellationToken cancellationToken) =>
            CallAsync(SnapshotProcedures.DomainSnapshotDelete, new SnapshotAndFlags(snapshot, children ? SnapshotDeleteChildren : 0u), cancellationToken);

        private async Task<VMDomainSnapshot> DescribeAsync(SnapshotIdentity snapshot, CancellationToken cancellationToken)
        {
            var xml = CallAsync(SnapshotProcedures.DomainSnapshotGetXmlDesc, new SnapshotAndFlags(snapshot, 0u), cancellationToken);
            var current = CallAsync(SnapshotProcedures.DomainSnapshotIsCurrent, new SnapshotAndFlags(snapshot, 0u), cancellationToken);
            var all = new Task[] { xml, current };
            try { await Task.WhenAll(all).ConfigureAwait(false); }
            catch { Observe(all); throw; }
            var host = await HostnameAsync(cancellationToken).ConfigureAwait(false);
            return Describe(snapshot, xml.Result, current.Result ? snapshot.Name : null, host);
        }

        private VMDomainSnapshot Describe(SnapshotIdentity snapshot, string xml, string? currentName, string host)
        {
            var s = SnapshotXml.Parse(xml, snapshot.Domain, host, Uri.OriginalString);
            s.IsCurrent = s.Name == currentName;
            return s;
        }

        private async Task<string?> CurrentNameAsync(DomainIdentity domain, CancellationToken cancellationToken)
        {
            try { return (await CallAsync(SnapshotProcedures.DomainSnapshotCurrent, new DomainAndFlags(domain, 0u), cancellationToken).ConfigureAwait(false)).Name; }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoDomainSnapshot) { return null; }
        }
    }
}
