using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>REMOTE_PROGRAM procedures of domain snapshots (protocol.md §5.5).</summary>
    internal static class SnapshotProcedures
    {
        /// <summary>args: dom; remote_nonnull_string xml_desc; uint flags → snap.</summary>
        public static readonly Procedure<SnapshotCreateArgs, SnapshotIdentity> DomainSnapshotCreateXml =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotCreateXml, SnapshotCreateArgs.Write, SnapshotIdentityCodec.Read);

        /// <summary>args: snap; uint flags → remote_nonnull_string xml.</summary>
        public static readonly Procedure<SnapshotAndFlags, string> DomainSnapshotGetXmlDesc =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotGetXmlDesc, SnapshotAndFlags.Write, r => r.ReadString());

        /// <summary>args: dom; remote_nonnull_string name; uint flags → snap.</summary>
        public static readonly Procedure<SnapshotIdentity, SnapshotIdentity> DomainSnapshotLookupByName =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotLookupByName,
                (w, s) => { DomainIdentityCodec.Write(w, s.Domain); w.WriteString(s.Name); w.WriteUInt(0); }, SnapshotIdentityCodec.Read);

        /// <summary>args: dom; uint flags → snap (NO_DOMAIN_SNAPSHOT when there is no current one).</summary>
        public static readonly Procedure<DomainAndFlags, SnapshotIdentity> DomainSnapshotCurrent =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotCurrent, DomainAndFlags.Write, SnapshotIdentityCodec.Read);

        /// <summary>args: snap; uint flags.</summary>
        public static readonly Procedure<SnapshotAndFlags, None> DomainRevertToSnapshot =
            new(Programs.Remote, RemoteProcedure.DomainRevertToSnapshot, SnapshotAndFlags.Write, None.Read);

        /// <summary>args: snap; uint flags (1 CHILDREN).</summary>
        public static readonly Procedure<SnapshotAndFlags, None> DomainSnapshotDelete =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotDelete, SnapshotAndFlags.Write, None.Read);

        /// <summary>args: snap; uint flags → snap.</summary>
        public static readonly Procedure<SnapshotAndFlags, SnapshotIdentity> DomainSnapshotGetParent =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotGetParent, SnapshotAndFlags.Write, SnapshotIdentityCodec.Read);

        /// <summary>args: snap; uint flags → int current.</summary>
        public static readonly Procedure<SnapshotAndFlags, bool> DomainSnapshotIsCurrent =
            new(Programs.Remote, RemoteProcedure.DomainSnapshotIsCurrent, SnapshotAndFlags.Write, r => r.ReadInt() != 0);

        /// <summary>args: dom; int need_results; uint flags → snap snapshots&lt;16384&gt;; int ret.</summary>
        public static readonly Procedure<DomainAndFlags, SnapshotIdentity[]> DomainListAllSnapshots =
            new(Programs.Remote, RemoteProcedure.DomainListAllSnapshots,
                (w, a) => { DomainIdentityCodec.Write(w, a.Domain); w.WriteInt(1); w.WriteUInt(a.Flags); },
                r => { var list = r.ReadArray(SnapshotIdentityCodec.ListMax, SnapshotIdentityCodec.Read); r.ReadInt(); return list; });
    }

    /// <summary>remote_nonnull_domain_snapshot: remote_nonnull_string name; remote_nonnull_domain dom.</summary>
    internal static class SnapshotIdentityCodec
    {
        /// <summary>REMOTE_DOMAIN_SNAPSHOT_LIST_MAX.</summary>
        public const int ListMax = 16384;

        public static void Write(XdrWriter w, SnapshotIdentity s) { w.WriteString(s.Name); DomainIdentityCodec.Write(w, s.Domain); }

        public static SnapshotIdentity Read(XdrReader r)
        {
            var name = r.ReadString();
            return new SnapshotIdentity(DomainIdentityCodec.Read(r), name);
        }
    }

    internal readonly struct SnapshotAndFlags
    {
        public SnapshotAndFlags(SnapshotIdentity snapshot, uint flags) { Snapshot = snapshot; Flags = flags; }
        public SnapshotIdentity Snapshot { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, SnapshotAndFlags a) { SnapshotIdentityCodec.Write(w, a.Snapshot); w.WriteUInt(a.Flags); }
    }

    internal readonly struct SnapshotCreateArgs
    {
        public SnapshotCreateArgs(DomainIdentity domain, string xml, uint flags) { Domain = domain; Xml = xml; Flags = flags; }
        public DomainIdentity Domain { get; }
        public string Xml { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, SnapshotCreateArgs a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteString(a.Xml); w.WriteUInt(a.Flags); }
    }
}
