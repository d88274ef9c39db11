using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>
    /// REMOTE_PROGRAM procedures of the connection and the host (protocol.md §5.1): for each, its number, how
    /// its arguments are written and how its reply is read, in wire order. Written by hand from the protocol
    /// facts; nothing here is copied from libvirt's .x files.
    /// </summary>
    internal static class ConnectProcedures
    {
        public static readonly Procedure<ConnectOpenArgs, None> ConnectOpen = new(Programs.Remote, RemoteProcedure.ConnectOpen, ConnectOpenArgs.Write, None.Read);
        public static readonly Procedure<None, None> ConnectClose = new(Programs.Remote, RemoteProcedure.ConnectClose, None.Write, None.Read);
        public static readonly Procedure<None, string> ConnectGetType = new(Programs.Remote, RemoteProcedure.ConnectGetType, None.Write, r => r.ReadString());
        public static readonly Procedure<None, ulong> ConnectGetVersion = new(Programs.Remote, RemoteProcedure.ConnectGetVersion, None.Write, r => r.ReadUHyper());
        public static readonly Procedure<None, ulong> ConnectGetLibVersion = new(Programs.Remote, RemoteProcedure.ConnectGetLibVersion, None.Write, r => r.ReadUHyper());
        public static readonly Procedure<None, string> ConnectGetHostname = new(Programs.Remote, RemoteProcedure.ConnectGetHostname, None.Write, r => r.ReadString());
        public static readonly Procedure<None, string> ConnectGetUri = new(Programs.Remote, RemoteProcedure.ConnectGetUri, None.Write, r => r.ReadString());
        public static readonly Procedure<None, NodeInfo> NodeGetInfo = new(Programs.Remote, RemoteProcedure.NodeGetInfo, None.Write, NodeInfo.Read);

        /// <summary>args: int feature → int supported.</summary>
        public static readonly Procedure<DriverFeature, bool> ConnectSupportsFeature =
            new(Programs.Remote, RemoteProcedure.ConnectSupportsFeature, (w, f) => w.WriteInt((int)f), r => r.ReadInt() != 0);

        /// <summary>reply: remote_auth_type types&lt;20&gt;.</summary>
        public static readonly Procedure<None, AuthType[]> AuthList =
            new(Programs.Remote, RemoteProcedure.AuthList, None.Write, r => r.ReadArray(XdrLimits.AuthTypeListMax, x => (AuthType)x.ReadInt()));

        /// <summary>reply: int complete.</summary>
        public static readonly Procedure<None, bool> AuthPolkit = new(Programs.Remote, RemoteProcedure.AuthPolkit, None.Write, r => r.ReadInt() != 0);
    }

    /// <summary>CONNECT_OPEN arguments: remote_string name (absent = the daemon's default); uint flags.</summary>
    internal readonly struct ConnectOpenArgs
    {
        public ConnectOpenArgs(string? name, uint flags) { Name = name; Flags = flags; }
        public string? Name { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, ConnectOpenArgs a) { w.WriteOptionalString(a.Name); w.WriteUInt(a.Flags); }
    }
}
