using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>REMOTE_PROGRAM procedures of domain devices: attach, detach, update, block size and info, interface addresses.</summary>
    internal static class DeviceProcedures
    {
        /// <summary>args: dom; string xml; uint flags (virDomainDeviceModifyFlags).</summary>
        public static readonly Procedure<DomainStringFlags, None> DomainAttachDeviceFlags = new(Programs.Remote, RemoteProcedure.DomainAttachDeviceFlags, DomainStringFlags.Write, None.Read);
        public static readonly Procedure<DomainStringFlags, None> DomainDetachDeviceFlags = new(Programs.Remote, RemoteProcedure.DomainDetachDeviceFlags, DomainStringFlags.Write, None.Read);
        public static readonly Procedure<DomainStringFlags, None> DomainUpdateDeviceFlags = new(Programs.Remote, RemoteProcedure.DomainUpdateDeviceFlags, DomainStringFlags.Write, None.Read);

        /// <summary>args: dom; string alias; uint flags.</summary>
        public static readonly Procedure<DomainStringFlags, None> DomainDetachDeviceAlias = new(Programs.Remote, RemoteProcedure.DomainDetachDeviceAlias, DomainStringFlags.Write, None.Read);

        /// <summary>args: dom; string path; uint flags → uhyper allocation; uhyper capacity; uhyper physical.</summary>
        public static readonly Procedure<DomainStringFlags, BlockInfo> DomainGetBlockInfo =
            new(Programs.Remote, RemoteProcedure.DomainGetBlockInfo, DomainStringFlags.Write, ReadBlockInfo);

        /// <summary>args: dom; string disk; uhyper size; uint flags (1 = size in bytes, else KiB).</summary>
        public static readonly Procedure<BlockResizeArgs, None> DomainBlockResize = new(Programs.Remote, RemoteProcedure.DomainBlockResize, BlockResizeArgs.Write, None.Read);

        /// <summary>args: dom; uint source; uint flags → remote_domain_interface ifaces&lt;2048&gt;.</summary>
        public static readonly Procedure<DomainSourceFlags, InterfaceAddresses[]> DomainInterfaceAddresses =
            new(Programs.Remote, RemoteProcedure.DomainInterfaceAddresses, DomainSourceFlags.Write, r => r.ReadArray(InterfaceMax, ReadInterface));

        /// <summary>REMOTE_DOMAIN_INTERFACE_MAX and REMOTE_DOMAIN_IP_ADDR_MAX.</summary>
        private const int InterfaceMax = 2048;
        private const int IPAddressMax = 2048;

        private static BlockInfo ReadBlockInfo(XdrReader r)
        {
            var allocation = r.ReadUHyper();
            var capacity = r.ReadUHyper();
            var physical = r.ReadUHyper();
            return new BlockInfo(capacity, allocation, physical);
        }

        /// <summary>remote_domain_interface: string name; remote_string hwaddr; remote_domain_ip_addr addrs&lt;2048&gt; (int type; string addr; uint prefix).</summary>
        private static InterfaceAddresses ReadInterface(XdrReader r)
        {
            var name = r.ReadString();
            var hwaddr = r.ReadOptionalString();
            var addrs = r.ReadArray(IPAddressMax, x => new IPAddressEntry(x.ReadInt(), x.ReadString(), (int)x.ReadUInt()));
            return new InterfaceAddresses(name, hwaddr, addrs);
        }
    }

    /// <summary>remote_nonnull_domain dom; remote_nonnull_string s; uint flags.</summary>
    internal readonly struct DomainStringFlags
    {
        public DomainStringFlags(DomainIdentity domain, string text, uint flags) { Domain = domain; Text = text; Flags = flags; }
        public DomainIdentity Domain { get; }
        public string Text { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, DomainStringFlags a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteString(a.Text); w.WriteUInt(a.Flags); }
    }

    internal readonly struct BlockResizeArgs
    {
        public BlockResizeArgs(DomainIdentity domain, string disk, ulong size, uint flags) { Domain = domain; Disk = disk; Size = size; Flags = flags; }
        public DomainIdentity Domain { get; }
        public string Disk { get; }
        public ulong Size { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, BlockResizeArgs a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteString(a.Disk); w.WriteUHyper(a.Size); w.WriteUInt(a.Flags); }
    }

    /// <summary>remote_nonnull_domain dom; uint source; uint flags.</summary>
    internal readonly struct DomainSourceFlags
    {
        public DomainSourceFlags(DomainIdentity domain, uint source, uint flags) { Domain = domain; Source = source; Flags = flags; }
        public DomainIdentity Domain { get; }
        public uint Source { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, DomainSourceFlags a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteUInt(a.Source); w.WriteUInt(a.Flags); }
    }
}
