using System;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>REMOTE_PROGRAM procedures of virtual networks: listing, lookup, info, lifecycle, update, leases.</summary>
    internal static class NetworkProcedures
    {
        public static readonly Procedure<NetworkIdentity, None> NetworkCreate = new(Programs.Remote, RemoteProcedure.NetworkCreate, NetworkCodec.Write, None.Read);
        public static readonly Procedure<string, NetworkIdentity> NetworkCreateXml = new(Programs.Remote, RemoteProcedure.NetworkCreateXml, (w, xml) => w.WriteString(xml), NetworkCodec.Read);
        public static readonly Procedure<string, NetworkIdentity> NetworkDefineXml = new(Programs.Remote, RemoteProcedure.NetworkDefineXml, (w, xml) => w.WriteString(xml), NetworkCodec.Read);
        public static readonly Procedure<NetworkIdentity, None> NetworkDestroy = new(Programs.Remote, RemoteProcedure.NetworkDestroy, NetworkCodec.Write, None.Read);

        /// <summary>args: net; uint flags (1 = INACTIVE) → string xml.</summary>
        public static readonly Procedure<(NetworkIdentity Network, uint Flags), string> NetworkGetXmlDesc =
            new(Programs.Remote, RemoteProcedure.NetworkGetXmlDesc, (w, a) => { NetworkCodec.Write(w, a.Network); w.WriteUInt(a.Flags); }, r => r.ReadString());

        public static readonly Procedure<NetworkIdentity, bool> NetworkGetAutostart = new(Programs.Remote, RemoteProcedure.NetworkGetAutostart, NetworkCodec.Write, r => r.ReadInt() != 0);
        public static readonly Procedure<NetworkIdentity, string> NetworkGetBridgeName = new(Programs.Remote, RemoteProcedure.NetworkGetBridgeName, NetworkCodec.Write, r => r.ReadString());
        public static readonly Procedure<string, NetworkIdentity> NetworkLookupByName = new(Programs.Remote, RemoteProcedure.NetworkLookupByName, (w, name) => w.WriteString(name), NetworkCodec.Read);
        public static readonly Procedure<Guid, NetworkIdentity> NetworkLookupByUuid = new(Programs.Remote, RemoteProcedure.NetworkLookupByUuid, (w, uuid) => w.WriteUuid(uuid), NetworkCodec.Read);

        /// <summary>args: net; int autostart.</summary>
        public static readonly Procedure<(NetworkIdentity Network, bool On), None> NetworkSetAutostart =
            new(Programs.Remote, RemoteProcedure.NetworkSetAutostart, (w, a) => { NetworkCodec.Write(w, a.Network); w.WriteInt(a.On ? 1 : 0); }, None.Read);

        public static readonly Procedure<NetworkIdentity, None> NetworkUndefine = new(Programs.Remote, RemoteProcedure.NetworkUndefine, NetworkCodec.Write, None.Read);
        public static readonly Procedure<NetworkIdentity, bool> NetworkIsActive = new(Programs.Remote, RemoteProcedure.NetworkIsActive, NetworkCodec.Write, r => r.ReadInt() != 0);
        public static readonly Procedure<NetworkIdentity, bool> NetworkIsPersistent = new(Programs.Remote, RemoteProcedure.NetworkIsPersistent, NetworkCodec.Write, r => r.ReadInt() != 0);

        /// <summary>args: int need_results; uint flags → remote_nonnull_network nets&lt;16384&gt;; uint ret.</summary>
        public static readonly Procedure<uint, NetworkIdentity[]> ConnectListAllNetworks =
            new(Programs.Remote, RemoteProcedure.ConnectListAllNetworks, (w, flags) => { w.WriteInt(1); w.WriteUInt(flags); },
                r => { var nets = r.ReadArray(XdrLimits.NetworkListMax, NetworkCodec.Read); r.ReadUInt(); return nets; });

        /// <summary>args: net; uint command; uint section; int parentIndex; string xml; uint flags.</summary>
        public static readonly Procedure<(NetworkIdentity Network, NetworkUpdate Update), None> NetworkUpdate =
            new(Programs.Remote, RemoteProcedure.NetworkUpdate, (w, a) =>
            {
                NetworkCodec.Write(w, a.Network);
                w.WriteUInt((uint)a.Update.Command);
                w.WriteUInt((uint)a.Update.Section);
                w.WriteInt(a.Update.ParentIndex);
                w.WriteString(a.Update.Xml);
                w.WriteUInt(a.Update.Flags);
            }, None.Read);

        /// <summary>args: net; remote_string mac; int need_results; uint flags → remote_network_dhcp_lease leases&lt;65536&gt;; uint ret.</summary>
        public static readonly Procedure<(NetworkIdentity Network, string? Mac), DhcpLeaseReply[]> NetworkGetDhcpLeases =
            new(Programs.Remote, RemoteProcedure.NetworkGetDhcpLeases, (w, a) =>
            {
                NetworkCodec.Write(w, a.Network);
                w.WriteOptionalString(a.Mac);
                w.WriteInt(1);
                w.WriteUInt(0);
            }, r => { var leases = r.ReadArray(XdrLimits.NetworkDhcpLeasesMax, DhcpLeaseReply.Read); r.ReadUInt(); return leases; });
    }

    /// <summary>remote_nonnull_network: name; uuid.</summary>
    internal static class NetworkCodec
    {
        public static void Write(XdrWriter w, NetworkIdentity n) { w.WriteString(n.Name); w.WriteUuid(n.Uuid); }

        public static NetworkIdentity Read(XdrReader r) => new NetworkIdentity(r.ReadString(), r.ReadUuid());
    }

    /// <summary>remote_network_dhcp_lease: iface; hyper expirytime; int type; mac?; iaid?; ipaddr; uint prefix; hostname?; clientid?.</summary>
    internal sealed class DhcpLeaseReply
    {
        public string Interface { get; private set; } = "";
        public long ExpiryTime { get; private set; }
        public int Type { get; private set; }
        public string? Mac { get; private set; }
        public string? Iaid { get; private set; }
        public string IPAddress { get; private set; } = "";
        public uint Prefix { get; private set; }
        public string? Hostname { get; private set; }
        public string? ClientId { get; private set; }

        public static DhcpLeaseReply Read(XdrReader r) => new DhcpLeaseReply
        {
            Interface = r.ReadString(),
            ExpiryTime = r.ReadHyper(),
            Type = r.ReadInt(),
            Mac = r.ReadOptionalString(),
            Iaid = r.ReadOptionalString(),
            IPAddress = r.ReadString(),
            Prefix = r.ReadUInt(),
            Hostname = r.ReadOptionalString(),
            ClientId = r.ReadOptionalString(),
        };
    }
}
