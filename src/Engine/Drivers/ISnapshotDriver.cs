using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>virDomainSnapshotCreateXML flags the module uses.</summary>
    [Flags]
    public enum SnapshotCreateFlags : uint
    {
        None = 0,
        DiskOnly = 16,
        Quiesce = 64,
        Atomic = 128,
    }

    /// <summary>
    /// Domain snapshots (virDomainSnapshot*): listing with parent, creation time, state and which one is
    /// current; create, revert and delete. Snapshots belong to a domain and are named within it.
    /// </summary>
    public interface ISnapshotDriver
    {
        /// <summary>Every snapshot of the domain, each fully described (its XML read), the current one marked.</summary>
        Task<IReadOnlyList<VMDomainSnapshot>> ListAsync(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>NoDomainSnapshot when the domain has no snapshot of that name.</summary>
        Task<VMDomainSnapshot> LookupByNameAsync(DomainIdentity domain, string name, CancellationToken cancellationToken);

        /// <summary>The domain's current snapshot, or null when it has none.</summary>
        Task<VMDomainSnapshot?> CurrentAsync(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>virDomainSnapshotCreateXML with a &lt;domainsnapshot&gt; document.</summary>
        Task<VMDomainSnapshot> CreateAsync(DomainIdentity domain, string xml, SnapshotCreateFlags flags, CancellationToken cancellationToken);

        /// <summary>Returns the domain to the snapshot (virDomainRevertToSnapshot); its state since then is lost.</summary>
        Task RevertAsync(SnapshotIdentity snapshot, CancellationToken cancellationToken);

        /// <summary>Deletes the snapshot, and with <paramref name="children"/> everything taken on top of it.</summary>
        Task DeleteAsync(SnapshotIdentity snapshot, bool children, CancellationToken cancellationToken);
    }
}
