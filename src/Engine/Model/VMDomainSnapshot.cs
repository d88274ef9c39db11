using System;

namespace Libvirt.Engine.Model
{
    /// <summary>A snapshot of a domain (libvirt's virDomainSnapshot), as its host described it.</summary>
    public sealed class VMDomainSnapshot : ILibvirtObject
    {
        public string Name { get; set; } = "";

        /// <summary>The name of the domain the snapshot belongs to.</summary>
        public string Domain { get; set; } = "";

        public Guid DomainUuid { get; set; }

        /// <summary>The snapshot this one was taken on top of, or null for a root.</summary>
        public string? Parent { get; set; }

        public DateTime CreationTime { get; set; }

        /// <summary>The domain's state when the snapshot was taken ("running", "shutoff", "disk-snapshot", …).</summary>
        public string State { get; set; } = "";

        public bool IsCurrent { get; set; }

        public string? Description { get; set; }

        /// <summary>"internal" (in the qcow2 images, with memory when the domain ran), "external" or "disk-only".</summary>
        public string Kind { get; set; } = "";

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>Snapshots have no UUID of their own: the domain's, so that code keyed by UUID sees the owner.</summary>
        public Guid Uuid => DomainUuid;

        public SnapshotIdentity ToIdentity() => new SnapshotIdentity(new DomainIdentity(Domain, DomainUuid, -1), Name);

        public override string ToString() => Name;
    }

    /// <summary>libvirt's remote_nonnull_domain_snapshot: the snapshot's name and its domain.</summary>
    public readonly struct SnapshotIdentity
    {
        public SnapshotIdentity(DomainIdentity domain, string name) { Domain = domain; Name = name; }
        public DomainIdentity Domain { get; }
        public string Name { get; }
    }
}
