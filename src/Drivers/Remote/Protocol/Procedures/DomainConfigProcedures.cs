using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>REMOTE_PROGRAM procedures that change or read a domain's settings: vCPUs, memory, metadata, name.</summary>
    internal static class DomainConfigProcedures
    {
        /// <summary>args: dom → uhyper memory (KiB).</summary>
        public static readonly Procedure<DomainIdentity, ulong> DomainGetMaxMemory =
            new(Programs.Remote, RemoteProcedure.DomainGetMaxMemory, DomainIdentityCodec.Write, r => r.ReadUHyper());

        /// <summary>args: dom; uint nvcpus; uint flags.</summary>
        public static readonly Procedure<DomainCount, None> DomainSetVcpusFlags =
            new(Programs.Remote, RemoteProcedure.DomainSetVcpusFlags, DomainCount.Write, None.Read);

        /// <summary>args: dom; uint flags → int num.</summary>
        public static readonly Procedure<DomainAndFlags, int> DomainGetVcpusFlags =
            new(Programs.Remote, RemoteProcedure.DomainGetVcpusFlags, DomainAndFlags.Write, r => r.ReadInt());

        /// <summary>args: dom; uhyper memory (KiB); uint flags.</summary>
        public static readonly Procedure<DomainMemory, None> DomainSetMemoryFlags =
            new(Programs.Remote, RemoteProcedure.DomainSetMemoryFlags, DomainMemory.Write, None.Read);

        /// <summary>args: dom; int type; remote_string metadata; remote_string key; remote_string uri; uint flags.</summary>
        public static readonly Procedure<SetMetadataArgs, None> DomainSetMetadata =
            new(Programs.Remote, RemoteProcedure.DomainSetMetadata, SetMetadataArgs.Write, None.Read);

        /// <summary>args: dom; int type; remote_string uri; uint flags → remote_nonnull_string metadata.</summary>
        public static readonly Procedure<GetMetadataArgs, string> DomainGetMetadata =
            new(Programs.Remote, RemoteProcedure.DomainGetMetadata, GetMetadataArgs.Write, r => r.ReadString());

        /// <summary>args: dom; remote_string new_name; uint flags → int retcode.</summary>
        public static readonly Procedure<RenameArgs, int> DomainRename =
            new(Programs.Remote, RemoteProcedure.DomainRename, RenameArgs.Write, r => r.ReadInt());
    }

    /// <summary>remote_nonnull_domain dom; uint count; uint flags (SET_VCPUS_FLAGS).</summary>
    internal readonly struct DomainCount
    {
        public DomainCount(DomainIdentity domain, uint count, uint flags) { Domain = domain; Count = count; Flags = flags; }
        public DomainIdentity Domain { get; }
        public uint Count { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, DomainCount a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteUInt(a.Count); w.WriteUInt(a.Flags); }
    }

    /// <summary>remote_nonnull_domain dom; uhyper memory; uint flags (SET_MEMORY_FLAGS).</summary>
    internal readonly struct DomainMemory
    {
        public DomainMemory(DomainIdentity domain, ulong kib, uint flags) { Domain = domain; KiB = kib; Flags = flags; }
        public DomainIdentity Domain { get; }
        public ulong KiB { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, DomainMemory a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteUHyper(a.KiB); w.WriteUInt(a.Flags); }
    }

    internal readonly struct SetMetadataArgs
    {
        public SetMetadataArgs(DomainIdentity domain, int type, string? metadata, uint flags) { Domain = domain; Type = type; Metadata = metadata; Flags = flags; }
        public DomainIdentity Domain { get; }
        public int Type { get; }
        public string? Metadata { get; }
        public uint Flags { get; }

        // key and uri are only for VIR_DOMAIN_METADATA_ELEMENT: null for title and description.
        public static void Write(XdrWriter w, SetMetadataArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            w.WriteInt(a.Type);
            w.WriteOptionalString(a.Metadata);
            w.WriteOptionalString(null);
            w.WriteOptionalString(null);
            w.WriteUInt(a.Flags);
        }
    }

    internal readonly struct GetMetadataArgs
    {
        public GetMetadataArgs(DomainIdentity domain, int type, uint flags) { Domain = domain; Type = type; Flags = flags; }
        public DomainIdentity Domain { get; }
        public int Type { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, GetMetadataArgs a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteInt(a.Type); w.WriteOptionalString(null); w.WriteUInt(a.Flags); }
    }

    internal readonly struct RenameArgs
    {
        public RenameArgs(DomainIdentity domain, string newName) { Domain = domain; NewName = newName; }
        public DomainIdentity Domain { get; }
        public string NewName { get; }

        public static void Write(XdrWriter w, RenameArgs a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteOptionalString(a.NewName); w.WriteUInt(0); }
    }
}
