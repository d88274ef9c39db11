using System;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Remote.Protocol
{
    /// <summary>
    /// The one declarative place for the REMOTE_PROGRAM procedures this driver calls: for each, its number,
    /// how its arguments are written and how its reply is read, in wire order (protocol.md §5). Written by
    /// hand from the protocol facts; nothing here is copied from libvirt's .x files.
    /// </summary>
    internal static class RemoteProcedures
    {
        // ---- connection and host (protocol.md §5.1) ----

        /// <summary>args: remote_string name; uint flags.</summary>
        public static readonly Procedure<(string? Name, uint Flags), None> ConnectOpen =
            Define<(string? Name, uint Flags), None>(RemoteProcedure.ConnectOpen, (w, a) => { w.WriteOptionalString(a.Name); w.WriteUInt(a.Flags); }, Void);

        public static readonly Procedure<None, None> ConnectClose = Define<None, None>(RemoteProcedure.ConnectClose, NoArgs, Void);
        public static readonly Procedure<None, string> ConnectGetType = Define<None, string>(RemoteProcedure.ConnectGetType, NoArgs, ReadString);
        public static readonly Procedure<None, ulong> ConnectGetVersion = Define<None, ulong>(RemoteProcedure.ConnectGetVersion, NoArgs, r => r.ReadUHyper());
        public static readonly Procedure<None, ulong> ConnectGetLibVersion = Define<None, ulong>(RemoteProcedure.ConnectGetLibVersion, NoArgs, r => r.ReadUHyper());
        public static readonly Procedure<None, string> ConnectGetHostname = Define<None, string>(RemoteProcedure.ConnectGetHostname, NoArgs, ReadString);
        public static readonly Procedure<None, string> ConnectGetUri = Define<None, string>(RemoteProcedure.ConnectGetUri, NoArgs, ReadString);
        public static readonly Procedure<None, NodeInfo> NodeGetInfo = Define<None, NodeInfo>(RemoteProcedure.NodeGetInfo, NoArgs, NodeInfo.Read);

        /// <summary>args: int feature → int supported.</summary>
        public static readonly Procedure<DriverFeature, bool> ConnectSupportsFeature =
            Define<DriverFeature, bool>(RemoteProcedure.ConnectSupportsFeature, (w, f) => w.WriteInt((int)f), r => r.ReadInt() != 0);

        /// <summary>reply: remote_auth_type types&lt;20&gt;.</summary>
        public static readonly Procedure<None, AuthType[]> AuthList =
            Define<None, AuthType[]>(RemoteProcedure.AuthList, NoArgs, r => r.ReadArray(XdrLimits.AuthTypeListMax, x => (AuthType)x.ReadInt()));

        /// <summary>reply: int complete.</summary>
        public static readonly Procedure<None, bool> AuthPolkit = Define<None, bool>(RemoteProcedure.AuthPolkit, NoArgs, r => r.ReadInt() != 0);

        // ---- domain listing and lookup (§5.2) ----

        /// <summary>args: int need_results; uint flags → remote_nonnull_domain domains&lt;16384&gt;; uint ret.</summary>
        public static readonly Procedure<uint, DomainList> ConnectListAllDomains =
            Define<uint, DomainList>(RemoteProcedure.ConnectListAllDomains, (w, flags) => { w.WriteInt(1); w.WriteUInt(flags); }, DomainList.Read);

        /// <summary>Legacy (before CONNECT_LIST_ALL_DOMAINS): args int maxids → int ids&lt;16384&gt;.</summary>
        public static readonly Procedure<int, int[]> ConnectListDomains =
            Define<int, int[]>(RemoteProcedure.ConnectListDomains, (w, max) => w.WriteInt(max), r => r.ReadArray(XdrLimits.DomainListMax, x => x.ReadInt()));

        public static readonly Procedure<None, int> ConnectNumOfDomains = Define<None, int>(RemoteProcedure.ConnectNumOfDomains, NoArgs, r => r.ReadInt());

        /// <summary>Legacy: args int maxnames → string names&lt;16384&gt;.</summary>
        public static readonly Procedure<int, string[]> ConnectListDefinedDomains =
            Define<int, string[]>(RemoteProcedure.ConnectListDefinedDomains, (w, max) => w.WriteInt(max), r => r.ReadArray(XdrLimits.DomainListMax, x => x.ReadString()));

        public static readonly Procedure<None, int> ConnectNumOfDefinedDomains = Define<None, int>(RemoteProcedure.ConnectNumOfDefinedDomains, NoArgs, r => r.ReadInt());

        /// <summary>args: remote_nonnull_domain doms&lt;16384&gt; (empty = all); uint stats; uint flags → remote_domain_stats_record retStats&lt;16384&gt;.</summary>
        public static readonly Procedure<(DomainIdentity[] Domains, uint Stats, uint Flags), DomainStatsRecord[]> ConnectGetAllDomainStats =
            Define<(DomainIdentity[] Domains, uint Stats, uint Flags), DomainStatsRecord[]>(RemoteProcedure.ConnectGetAllDomainStats,
                (w, a) => { w.WriteArray(a.Domains, XdrLimits.DomainListMax, DomainIdentityCodec.Write); w.WriteUInt(a.Stats); w.WriteUInt(a.Flags); },
                r => r.ReadArray(XdrLimits.DomainListMax, DomainStatsRecord.Read));

        public static readonly Procedure<int, DomainIdentity> DomainLookupById =
            Define<int, DomainIdentity>(RemoteProcedure.DomainLookupById, (w, id) => w.WriteInt(id), DomainIdentityCodec.Read);

        public static readonly Procedure<string, DomainIdentity> DomainLookupByName =
            Define<string, DomainIdentity>(RemoteProcedure.DomainLookupByName, (w, name) => w.WriteString(name), DomainIdentityCodec.Read);

        /// <summary>args: remote_uuid (16 raw bytes, no length).</summary>
        public static readonly Procedure<Guid, DomainIdentity> DomainLookupByUuid =
            Define<Guid, DomainIdentity>(RemoteProcedure.DomainLookupByUuid, (w, uuid) => w.WriteUuid(uuid), DomainIdentityCodec.Read);

        public static readonly Procedure<DomainIdentity, DomainInfo> DomainGetInfo = Define<DomainIdentity, DomainInfo>(RemoteProcedure.DomainGetInfo, WriteDomain, DomainInfo.Read);

        public static readonly Procedure<DomainIdentity, DomainStateReply> DomainGetState =
            Define<DomainIdentity, DomainStateReply>(RemoteProcedure.DomainGetState, WriteDomainAndZeroFlags, r => new DomainStateReply((DomainState)r.ReadInt(), r.ReadInt()));

        public static readonly Procedure<DomainIdentity, bool> DomainGetAutostart = Define<DomainIdentity, bool>(RemoteProcedure.DomainGetAutostart, WriteDomain, r => r.ReadInt() != 0);
        public static readonly Procedure<DomainIdentity, bool> DomainIsPersistent = Define<DomainIdentity, bool>(RemoteProcedure.DomainIsPersistent, WriteDomain, r => r.ReadInt() != 0);

        public static readonly Procedure<(DomainIdentity Domain, uint Flags), string> DomainGetXmlDesc = Define<(DomainIdentity Domain, uint Flags), string>(RemoteProcedure.DomainGetXmlDesc, WriteDomainAndFlags, ReadString);

        // ---- domain lifecycle (§5.2) ----

        public static readonly Procedure<(string Xml, uint Flags), DomainIdentity> DomainDefineXmlFlags =
            Define<(string Xml, uint Flags), DomainIdentity>(RemoteProcedure.DomainDefineXmlFlags, (w, a) => { w.WriteString(a.Xml); w.WriteUInt(a.Flags); }, DomainIdentityCodec.Read);

        public static readonly Procedure<string, DomainIdentity> DomainDefineXml =
            Define<string, DomainIdentity>(RemoteProcedure.DomainDefineXml, (w, xml) => w.WriteString(xml), DomainIdentityCodec.Read);

        public static readonly Procedure<(string Xml, uint Flags), DomainIdentity> DomainCreateXml =
            Define<(string Xml, uint Flags), DomainIdentity>(RemoteProcedure.DomainCreateXml, (w, a) => { w.WriteString(a.Xml); w.WriteUInt(a.Flags); }, DomainIdentityCodec.Read);

        /// <summary>Replies with the domain and its new id.</summary>
        public static readonly Procedure<(DomainIdentity Domain, uint Flags), DomainIdentity> DomainCreateWithFlags =
            Define<(DomainIdentity Domain, uint Flags), DomainIdentity>(RemoteProcedure.DomainCreateWithFlags, WriteDomainAndFlags, DomainIdentityCodec.Read);

        /// <summary>Older than CREATE_WITH_FLAGS; replies nothing (no new id).</summary>
        public static readonly Procedure<DomainIdentity, None> DomainCreate = Define<DomainIdentity, None>(RemoteProcedure.DomainCreate, WriteDomain, Void);

        public static readonly Procedure<(DomainIdentity Domain, uint Flags), None> DomainShutdownFlags = Define<(DomainIdentity Domain, uint Flags), None>(RemoteProcedure.DomainShutdownFlags, WriteDomainAndFlags, Void);
        public static readonly Procedure<DomainIdentity, None> DomainShutdown = Define<DomainIdentity, None>(RemoteProcedure.DomainShutdown, WriteDomain, Void);
        public static readonly Procedure<DomainIdentity, None> DomainDestroy = Define<DomainIdentity, None>(RemoteProcedure.DomainDestroy, WriteDomain, Void);
        public static readonly Procedure<(DomainIdentity Domain, uint Flags), None> DomainReboot = Define<(DomainIdentity Domain, uint Flags), None>(RemoteProcedure.DomainReboot, WriteDomainAndFlags, Void);
        public static readonly Procedure<(DomainIdentity Domain, uint Flags), None> DomainReset = Define<(DomainIdentity Domain, uint Flags), None>(RemoteProcedure.DomainReset, WriteDomainAndFlags, Void);
        public static readonly Procedure<DomainIdentity, None> DomainSuspend = Define<DomainIdentity, None>(RemoteProcedure.DomainSuspend, WriteDomain, Void);
        public static readonly Procedure<DomainIdentity, None> DomainResume = Define<DomainIdentity, None>(RemoteProcedure.DomainResume, WriteDomain, Void);
        public static readonly Procedure<(DomainIdentity Domain, uint Flags), None> DomainUndefineFlags = Define<(DomainIdentity Domain, uint Flags), None>(RemoteProcedure.DomainUndefineFlags, WriteDomainAndFlags, Void);
        public static readonly Procedure<DomainIdentity, None> DomainUndefine = Define<DomainIdentity, None>(RemoteProcedure.DomainUndefine, WriteDomain, Void);

        // ---- jobs and migration tuning (§5.3) ----

        /// <summary>args: dom; uint flags → int type; remote_typed_param params&lt;64&gt;.</summary>
        public static readonly Procedure<(DomainIdentity Domain, uint Flags), JobStats> DomainGetJobStats =
            Define<(DomainIdentity Domain, uint Flags), JobStats>(RemoteProcedure.DomainGetJobStats, WriteDomainAndFlags,
                r => new JobStats(r.ReadInt(), TypedParameterCodec.ReadList(r, XdrLimits.JobStatsMax)));

        public static readonly Procedure<DomainIdentity, None> DomainAbortJob = Define<DomainIdentity, None>(RemoteProcedure.DomainAbortJob, WriteDomain, Void);

        /// <summary>args: dom; uhyper bandwidth (MiB/s); uint flags.</summary>
        public static readonly Procedure<(DomainIdentity Domain, ulong Bandwidth, uint Flags), None> DomainMigrateSetMaxSpeed =
            Define<(DomainIdentity Domain, ulong Bandwidth, uint Flags), None>(RemoteProcedure.DomainMigrateSetMaxSpeed,
                (w, a) => { DomainIdentityCodec.Write(w, a.Domain); w.WriteUHyper(a.Bandwidth); w.WriteUInt(a.Flags); }, Void);

        /// <summary>args: dom; uhyper downtime (ms); uint flags.</summary>
        public static readonly Procedure<(DomainIdentity Domain, ulong Downtime, uint Flags), None> DomainMigrateSetMaxDowntime =
            Define<(DomainIdentity Domain, ulong Downtime, uint Flags), None>(RemoteProcedure.DomainMigrateSetMaxDowntime,
                (w, a) => { DomainIdentityCodec.Write(w, a.Domain); w.WriteUHyper(a.Downtime); w.WriteUInt(a.Flags); }, Void);

        public static readonly Procedure<(DomainIdentity Domain, uint Flags), None> DomainMigrateStartPostCopy = Define<(DomainIdentity Domain, uint Flags), None>(RemoteProcedure.DomainMigrateStartPostCopy, WriteDomainAndFlags, Void);

        // ---- migration v3 with parameters (§5.4); cookies are opaque and pass through unchanged ----

        /// <summary>args: dom; tp&lt;64&gt; params; uint flags → opaque cookie_out; string xml.</summary>
        public static readonly Procedure<(DomainIdentity Domain, TypedParameterList Params, uint Flags), (byte[] Cookie, string Xml)> DomainMigrateBegin3Params =
            Define<(DomainIdentity Domain, TypedParameterList Params, uint Flags), (byte[] Cookie, string Xml)>(RemoteProcedure.DomainMigrateBegin3Params,
                (w, a) => { DomainIdentityCodec.Write(w, a.Domain); WriteMigrationParams(w, a.Params); w.WriteUInt(a.Flags); },
                r => (ReadCookie(r), r.ReadString()));

        /// <summary>args: tp&lt;64&gt; params; opaque cookie_in; uint flags → opaque cookie_out; remote_string uri_out.</summary>
        public static readonly Procedure<(TypedParameterList Params, byte[] CookieIn, uint Flags), (byte[] Cookie, string? UriOut)> DomainMigratePrepare3Params =
            Define<(TypedParameterList Params, byte[] CookieIn, uint Flags), (byte[] Cookie, string? UriOut)>(RemoteProcedure.DomainMigratePrepare3Params,
                (w, a) => { WriteMigrationParams(w, a.Params); WriteCookie(w, a.CookieIn); w.WriteUInt(a.Flags); },
                r => (ReadCookie(r), r.ReadOptionalString()));

        /// <summary>args: dom; remote_string dconnuri; tp&lt;64&gt; params; opaque cookie_in; uint flags → opaque cookie_out.</summary>
        public static readonly Procedure<(DomainIdentity Domain, string? DestinationUri, TypedParameterList Params, byte[] CookieIn, uint Flags), byte[]> DomainMigratePerform3Params =
            Define<(DomainIdentity Domain, string? DestinationUri, TypedParameterList Params, byte[] CookieIn, uint Flags), byte[]>(RemoteProcedure.DomainMigratePerform3Params,
                (w, a) => { DomainIdentityCodec.Write(w, a.Domain); w.WriteOptionalString(a.DestinationUri); WriteMigrationParams(w, a.Params); WriteCookie(w, a.CookieIn); w.WriteUInt(a.Flags); },
                ReadCookie);

        /// <summary>args: tp&lt;64&gt; params; opaque cookie_in; uint flags; int cancelled → dom; opaque cookie_out.</summary>
        public static readonly Procedure<(TypedParameterList Params, byte[] CookieIn, uint Flags, bool Cancelled), (DomainIdentity Domain, byte[] Cookie)> DomainMigrateFinish3Params =
            Define<(TypedParameterList Params, byte[] CookieIn, uint Flags, bool Cancelled), (DomainIdentity Domain, byte[] Cookie)>(RemoteProcedure.DomainMigrateFinish3Params,
                (w, a) => { WriteMigrationParams(w, a.Params); WriteCookie(w, a.CookieIn); w.WriteUInt(a.Flags); w.WriteInt(a.Cancelled ? 1 : 0); },
                r => (DomainIdentityCodec.Read(r), ReadCookie(r)));

        /// <summary>args: dom; tp&lt;64&gt; params; opaque cookie_in; uint flags; int cancelled.</summary>
        public static readonly Procedure<(DomainIdentity Domain, TypedParameterList Params, byte[] CookieIn, uint Flags, bool Cancelled), None> DomainMigrateConfirm3Params =
            Define<(DomainIdentity Domain, TypedParameterList Params, byte[] CookieIn, uint Flags, bool Cancelled), None>(RemoteProcedure.DomainMigrateConfirm3Params,
                (w, a) => { DomainIdentityCodec.Write(w, a.Domain); WriteMigrationParams(w, a.Params); WriteCookie(w, a.CookieIn); w.WriteUInt(a.Flags); w.WriteInt(a.Cancelled ? 1 : 0); },
                Void);

        // ---- events (§5.6) ----

        /// <summary>args: int eventID; remote_domain dom (absent = every domain) → int callbackID.</summary>
        public static readonly Procedure<int, int> ConnectDomainEventCallbackRegisterAny =
            Define<int, int>(RemoteProcedure.ConnectDomainEventCallbackRegisterAny, (w, eventId) => { w.WriteInt(eventId); w.WriteBool(false); }, r => r.ReadInt());

        public static readonly Procedure<int, None> ConnectDomainEventCallbackDeregisterAny =
            Define<int, None>(RemoteProcedure.ConnectDomainEventCallbackDeregisterAny, (w, id) => w.WriteInt(id), Void);

        // ---- shared pieces ----

        private static Procedure<TArgs, TReply> Define<TArgs, TReply>(RemoteProcedure number, Action<XdrWriter, TArgs> writeArgs, Func<XdrReader, TReply> readReply) =>
            new Procedure<TArgs, TReply>(number.ToString(), Programs.Remote, (int)number, writeArgs, readReply);

        private static void NoArgs(XdrWriter w, None _) { }
        private static None Void(XdrReader r) => None.Value;
        private static string ReadString(XdrReader r) => r.ReadString();
        private static void WriteDomain(XdrWriter w, DomainIdentity d) => DomainIdentityCodec.Write(w, d);
        private static void WriteDomainAndZeroFlags(XdrWriter w, DomainIdentity d) { DomainIdentityCodec.Write(w, d); w.WriteUInt(0); }
        private static void WriteDomainAndFlags(XdrWriter w, (DomainIdentity Domain, uint Flags) a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteUInt(a.Flags); }
        private static void WriteMigrationParams(XdrWriter w, TypedParameterList p) => TypedParameterCodec.WriteList(w, p, XdrLimits.MigrateParamListMax);
        private static void WriteCookie(XdrWriter w, byte[] cookie) => w.WriteOpaque(cookie ?? Array.Empty<byte>(), XdrLimits.MigrateCookieMax);
        private static byte[] ReadCookie(XdrReader r) => r.ReadOpaque(XdrLimits.MigrateCookieMax);
    }
}
