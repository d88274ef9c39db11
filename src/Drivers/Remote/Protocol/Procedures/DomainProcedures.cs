using System;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>
    /// REMOTE_PROGRAM procedures of domains: listing, lookup, info, lifecycle and jobs (protocol.md §5.2, §5.3).
    /// A new procedure is one declaration here (plus its driver method and a wire-layout test).
    /// </summary>
    internal static class DomainProcedures
    {
        // ---- listing and lookup ----

        /// <summary>args: int need_results; uint flags → remote_nonnull_domain domains&lt;16384&gt;; uint ret.</summary>
        public static readonly Procedure<uint, DomainList> ConnectListAllDomains =
            new(Programs.Remote, RemoteProcedure.ConnectListAllDomains, (w, flags) => { w.WriteInt(1); w.WriteUInt(flags); }, DomainList.Read);

        /// <summary>Legacy (before CONNECT_LIST_ALL_DOMAINS): args int maxids → int ids&lt;16384&gt;.</summary>
        public static readonly Procedure<int, int[]> ConnectListDomains =
            new(Programs.Remote, RemoteProcedure.ConnectListDomains, (w, max) => w.WriteInt(max), r => r.ReadArray(XdrLimits.DomainListMax, x => x.ReadInt()));

        public static readonly Procedure<None, int> ConnectNumOfDomains = new(Programs.Remote, RemoteProcedure.ConnectNumOfDomains, None.Write, r => r.ReadInt());

        /// <summary>Legacy: args int maxnames → string names&lt;16384&gt;.</summary>
        public static readonly Procedure<int, string[]> ConnectListDefinedDomains =
            new(Programs.Remote, RemoteProcedure.ConnectListDefinedDomains, (w, max) => w.WriteInt(max), r => r.ReadArray(XdrLimits.DomainListMax, x => x.ReadString()));

        public static readonly Procedure<None, int> ConnectNumOfDefinedDomains = new(Programs.Remote, RemoteProcedure.ConnectNumOfDefinedDomains, None.Write, r => r.ReadInt());

        /// <summary>→ remote_domain_stats_record retStats&lt;16384&gt;.</summary>
        public static readonly Procedure<AllDomainStatsArgs, DomainStatsRecord[]> ConnectGetAllDomainStats =
            new(Programs.Remote, RemoteProcedure.ConnectGetAllDomainStats, AllDomainStatsArgs.Write, r => r.ReadArray(XdrLimits.DomainListMax, DomainStatsRecord.Read));

        public static readonly Procedure<int, DomainIdentity> DomainLookupById =
            new(Programs.Remote, RemoteProcedure.DomainLookupById, (w, id) => w.WriteInt(id), DomainIdentityCodec.Read);

        public static readonly Procedure<string, DomainIdentity> DomainLookupByName =
            new(Programs.Remote, RemoteProcedure.DomainLookupByName, (w, name) => w.WriteString(name), DomainIdentityCodec.Read);

        /// <summary>args: remote_uuid (16 raw bytes, no length).</summary>
        public static readonly Procedure<Guid, DomainIdentity> DomainLookupByUuid =
            new(Programs.Remote, RemoteProcedure.DomainLookupByUuid, (w, uuid) => w.WriteUuid(uuid), DomainIdentityCodec.Read);

        // ---- info ----

        public static readonly Procedure<DomainIdentity, DomainInfo> DomainGetInfo = new(Programs.Remote, RemoteProcedure.DomainGetInfo, DomainIdentityCodec.Write, DomainInfo.Read);

        /// <summary>args: dom; uint flags (always 0) → int state; int reason.</summary>
        public static readonly Procedure<DomainIdentity, DomainStateReply> DomainGetState =
            new(Programs.Remote, RemoteProcedure.DomainGetState, (w, d) => DomainAndFlags.Write(w, new DomainAndFlags(d, 0)), DomainStateReply.Read);

        public static readonly Procedure<DomainIdentity, bool> DomainGetAutostart = new(Programs.Remote, RemoteProcedure.DomainGetAutostart, DomainIdentityCodec.Write, r => r.ReadInt() != 0);
        /// <summary>args: dom; int autostart.</summary>
        public static readonly Procedure<DomainSwitch, None> DomainSetAutostart = new(Programs.Remote, RemoteProcedure.DomainSetAutostart, DomainSwitch.Write, None.Read);

        public static readonly Procedure<DomainIdentity, bool> DomainIsPersistent = new(Programs.Remote, RemoteProcedure.DomainIsPersistent, DomainIdentityCodec.Write, r => r.ReadInt() != 0);
        public static readonly Procedure<DomainAndFlags, string> DomainGetXmlDesc = new(Programs.Remote, RemoteProcedure.DomainGetXmlDesc, DomainAndFlags.Write, r => r.ReadString());

        // ---- lifecycle ----

        public static readonly Procedure<XmlAndFlags, DomainIdentity> DomainDefineXmlFlags = new(Programs.Remote, RemoteProcedure.DomainDefineXmlFlags, XmlAndFlags.Write, DomainIdentityCodec.Read);
        public static readonly Procedure<string, DomainIdentity> DomainDefineXml = new(Programs.Remote, RemoteProcedure.DomainDefineXml, (w, xml) => w.WriteString(xml), DomainIdentityCodec.Read);
        public static readonly Procedure<XmlAndFlags, DomainIdentity> DomainCreateXml = new(Programs.Remote, RemoteProcedure.DomainCreateXml, XmlAndFlags.Write, DomainIdentityCodec.Read);

        /// <summary>Replies with the domain and its new id.</summary>
        public static readonly Procedure<DomainAndFlags, DomainIdentity> DomainCreateWithFlags = new(Programs.Remote, RemoteProcedure.DomainCreateWithFlags, DomainAndFlags.Write, DomainIdentityCodec.Read);

        /// <summary>Older than CREATE_WITH_FLAGS; replies nothing (no new id).</summary>
        public static readonly Procedure<DomainIdentity, None> DomainCreate = new(Programs.Remote, RemoteProcedure.DomainCreate, DomainIdentityCodec.Write, None.Read);

        public static readonly Procedure<DomainAndFlags, None> DomainShutdownFlags = new(Programs.Remote, RemoteProcedure.DomainShutdownFlags, DomainAndFlags.Write, None.Read);
        public static readonly Procedure<DomainIdentity, None> DomainShutdown = new(Programs.Remote, RemoteProcedure.DomainShutdown, DomainIdentityCodec.Write, None.Read);
        public static readonly Procedure<DomainIdentity, None> DomainDestroy = new(Programs.Remote, RemoteProcedure.DomainDestroy, DomainIdentityCodec.Write, None.Read);
        public static readonly Procedure<DomainAndFlags, None> DomainReboot = new(Programs.Remote, RemoteProcedure.DomainReboot, DomainAndFlags.Write, None.Read);
        public static readonly Procedure<DomainAndFlags, None> DomainReset = new(Programs.Remote, RemoteProcedure.DomainReset, DomainAndFlags.Write, None.Read);
        public static readonly Procedure<DomainIdentity, None> DomainSuspend = new(Programs.Remote, RemoteProcedure.DomainSuspend, DomainIdentityCodec.Write, None.Read);
        public static readonly Procedure<DomainIdentity, None> DomainResume = new(Programs.Remote, RemoteProcedure.DomainResume, DomainIdentityCodec.Write, None.Read);
        public static readonly Procedure<DomainAndFlags, None> DomainUndefineFlags = new(Programs.Remote, RemoteProcedure.DomainUndefineFlags, DomainAndFlags.Write, None.Read);
        public static readonly Procedure<DomainIdentity, None> DomainUndefine = new(Programs.Remote, RemoteProcedure.DomainUndefine, DomainIdentityCodec.Write, None.Read);

        // ---- jobs ----

        /// <summary>args: dom; uint flags → int type; remote_typed_param params&lt;64&gt;.</summary>
        public static readonly Procedure<DomainAndFlags, JobStats> DomainGetJobStats = new(Programs.Remote, RemoteProcedure.DomainGetJobStats, DomainAndFlags.Write, JobStats.Read);

        public static readonly Procedure<DomainIdentity, None> DomainAbortJob = new(Programs.Remote, RemoteProcedure.DomainAbortJob, DomainIdentityCodec.Write, None.Read);
    }

    /// <summary>The commonest argument shape: remote_nonnull_domain dom; uint flags.</summary>
    internal readonly struct DomainAndFlags
    {
        public DomainAndFlags(DomainIdentity domain, uint flags) { Domain = domain; Flags = flags; }
        public DomainIdentity Domain { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, DomainAndFlags a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteUInt(a.Flags); }
    }

    /// <summary>remote_nonnull_domain dom; int on (SET_AUTOSTART).</summary>
    internal readonly struct DomainSwitch
    {
        public DomainSwitch(DomainIdentity domain, bool on) { Domain = domain; On = on; }
        public DomainIdentity Domain { get; }
        public bool On { get; }

        public static void Write(XdrWriter w, DomainSwitch a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteInt(a.On ? 1 : 0); }
    }

    /// <summary>remote_nonnull_string xml; uint flags (DEFINE_XML_FLAGS, CREATE_XML).</summary>
    internal readonly struct XmlAndFlags
    {
        public XmlAndFlags(string xml, uint flags) { Xml = xml; Flags = flags; }
        public string Xml { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, XmlAndFlags a) { w.WriteString(a.Xml); w.WriteUInt(a.Flags); }
    }

    /// <summary>CONNECT_GET_ALL_DOMAIN_STATS arguments: remote_nonnull_domain doms&lt;16384&gt; (empty = all); uint stats; uint flags.</summary>
    internal readonly struct AllDomainStatsArgs
    {
        public AllDomainStatsArgs(DomainIdentity[] domains, uint stats, uint flags) { Domains = domains; Stats = stats; Flags = flags; }
        public DomainIdentity[] Domains { get; }
        public uint Stats { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, AllDomainStatsArgs a)
        {
            w.WriteArray(a.Domains, XdrLimits.DomainListMax, DomainIdentityCodec.Write);
            w.WriteUInt(a.Stats);
            w.WriteUInt(a.Flags);
        }
    }
}
