using System;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>
    /// REMOTE_PROGRAM procedures of migration: live tuning (§5.3) and protocol v3 with typed parameters (§5.4).
    /// Cookies are opaque and pass through unchanged.
    /// </summary>
    internal static class MigrationProcedures
    {
        /// <summary>args: dom; uhyper bandwidth (MiB/s); uint flags.</summary>
        public static readonly Procedure<DomainLimitArgs, None> DomainMigrateSetMaxSpeed = new(Programs.Remote, RemoteProcedure.DomainMigrateSetMaxSpeed, DomainLimitArgs.Write, None.Read);

        /// <summary>args: dom; uhyper downtime (ms); uint flags.</summary>
        public static readonly Procedure<DomainLimitArgs, None> DomainMigrateSetMaxDowntime = new(Programs.Remote, RemoteProcedure.DomainMigrateSetMaxDowntime, DomainLimitArgs.Write, None.Read);

        public static readonly Procedure<DomainAndFlags, None> DomainMigrateStartPostCopy = new(Programs.Remote, RemoteProcedure.DomainMigrateStartPostCopy, DomainAndFlags.Write, None.Read);

        /// <summary>→ opaque cookie_out; string xml.</summary>
        public static readonly Procedure<MigrateBeginArgs, MigrateBeginReply> DomainMigrateBegin3Params = new(Programs.Remote, RemoteProcedure.DomainMigrateBegin3Params, MigrateBeginArgs.Write, MigrateBeginReply.Read);

        /// <summary>→ opaque cookie_out; remote_string uri_out.</summary>
        public static readonly Procedure<MigratePrepareArgs, MigratePrepareReply> DomainMigratePrepare3Params = new(Programs.Remote, RemoteProcedure.DomainMigratePrepare3Params, MigratePrepareArgs.Write, MigratePrepareReply.Read);

        /// <summary>→ opaque cookie_out.</summary>
        public static readonly Procedure<MigratePerformArgs, byte[]> DomainMigratePerform3Params = new(Programs.Remote, RemoteProcedure.DomainMigratePerform3Params, MigratePerformArgs.Write, MigrationCookie.Read);

        /// <summary>→ remote_nonnull_domain dom; opaque cookie_out.</summary>
        public static readonly Procedure<MigrateFinishArgs, MigrateFinishReply> DomainMigrateFinish3Params = new(Programs.Remote, RemoteProcedure.DomainMigrateFinish3Params, MigrateFinishArgs.Write, MigrateFinishReply.Read);

        public static readonly Procedure<MigrateConfirmArgs, None> DomainMigrateConfirm3Params = new(Programs.Remote, RemoteProcedure.DomainMigrateConfirm3Params, MigrateConfirmArgs.Write, None.Read);
    }

    /// <summary>The two fields every *_PARAMS phase carries: typed parameters (at most 64) and an opaque cookie.</summary>
    internal static class MigrationCookie
    {
        public static void WriteParams(XdrWriter w, TypedParameterList p) => TypedParameterCodec.WriteList(w, p, XdrLimits.MigrateParamListMax);
        public static void Write(XdrWriter w, byte[]? cookie) => w.WriteOpaque(cookie ?? Array.Empty<byte>(), XdrLimits.MigrateCookieMax);
        public static byte[] Read(XdrReader r) => r.ReadOpaque(XdrLimits.MigrateCookieMax);
    }

    /// <summary>remote_nonnull_domain dom; uhyper value (bandwidth in MiB/s, downtime in ms); uint flags.</summary>
    internal readonly struct DomainLimitArgs
    {
        public DomainLimitArgs(DomainIdentity domain, ulong value, uint flags) { Domain = domain; Value = value; Flags = flags; }
        public DomainIdentity Domain { get; }
        public ulong Value { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, DomainLimitArgs a) { DomainIdentityCodec.Write(w, a.Domain); w.WriteUHyper(a.Value); w.WriteUInt(a.Flags); }
    }

    /// <summary>BEGIN3_PARAMS: dom; params; uint flags.</summary>
    internal readonly struct MigrateBeginArgs
    {
        public MigrateBeginArgs(DomainIdentity domain, TypedParameterList parameters, uint flags) { Domain = domain; Parameters = parameters; Flags = flags; }
        public DomainIdentity Domain { get; }
        public TypedParameterList Parameters { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, MigrateBeginArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            MigrationCookie.WriteParams(w, a.Parameters);
            w.WriteUInt(a.Flags);
        }
    }

    internal sealed class MigrateBeginReply
    {
        public MigrateBeginReply(byte[] cookie, string xml) { Cookie = cookie; Xml = xml; }
        public byte[] Cookie { get; }
        public string Xml { get; }

        public static MigrateBeginReply Read(XdrReader r) => new MigrateBeginReply(MigrationCookie.Read(r), r.ReadString());
    }

    /// <summary>PREPARE3_PARAMS: params; opaque cookie_in; uint flags.</summary>
    internal readonly struct MigratePrepareArgs
    {
        public MigratePrepareArgs(TypedParameterList parameters, byte[] cookieIn, uint flags) { Parameters = parameters; CookieIn = cookieIn; Flags = flags; }
        public TypedParameterList Parameters { get; }
        public byte[] CookieIn { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, MigratePrepareArgs a)
        {
            MigrationCookie.WriteParams(w, a.Parameters);
            MigrationCookie.Write(w, a.CookieIn);
            w.WriteUInt(a.Flags);
        }
    }

    internal sealed class MigratePrepareReply
    {
        public MigratePrepareReply(byte[] cookie, string? uriOut) { Cookie = cookie; UriOut = uriOut; }
        public byte[] Cookie { get; }

        /// <summary>The migrate URI the destination chose, when the caller gave none.</summary>
        public string? UriOut { get; }

        public static MigratePrepareReply Read(XdrReader r) => new MigratePrepareReply(MigrationCookie.Read(r), r.ReadOptionalString());
    }

    /// <summary>PERFORM3_PARAMS: dom; remote_string dconnuri; params; opaque cookie_in; uint flags.</summary>
    internal readonly struct MigratePerformArgs
    {
        public MigratePerformArgs(DomainIdentity domain, string? destinationUri, TypedParameterList parameters, byte[] cookieIn, uint flags)
        {
            Domain = domain;
            DestinationUri = destinationUri;
            Parameters = parameters;
            CookieIn = cookieIn;
            Flags = flags;
        }

        public DomainIdentity Domain { get; }

        /// <summary>With PEER2PEER, the destination as the source daemon reaches it.</summary>
        public string? DestinationUri { get; }

        public TypedParameterList Parameters { get; }
        public byte[] CookieIn { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, MigratePerformArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            w.WriteOptionalString(a.DestinationUri);
            MigrationCookie.WriteParams(w, a.Parameters);
            MigrationCookie.Write(w, a.CookieIn);
            w.WriteUInt(a.Flags);
        }
    }

    /// <summary>FINISH3_PARAMS: params; opaque cookie_in; uint flags; int cancelled.</summary>
    internal readonly struct MigrateFinishArgs
    {
        public MigrateFinishArgs(TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled)
        {
            Parameters = parameters;
            CookieIn = cookieIn;
            Flags = flags;
            Cancelled = cancelled;
        }

        public TypedParameterList Parameters { get; }
        public byte[] CookieIn { get; }
        public uint Flags { get; }
        public bool Cancelled { get; }

        public static void Write(XdrWriter w, MigrateFinishArgs a)
        {
            MigrationCookie.WriteParams(w, a.Parameters);
            MigrationCookie.Write(w, a.CookieIn);
            w.WriteUInt(a.Flags);
            w.WriteInt(a.Cancelled ? 1 : 0);
        }
    }

    internal sealed class MigrateFinishReply
    {
        public MigrateFinishReply(DomainIdentity domain, byte[] cookie) { Domain = domain; Cookie = cookie; }
        public DomainIdentity Domain { get; }
        public byte[] Cookie { get; }

        public static MigrateFinishReply Read(XdrReader r) => new MigrateFinishReply(DomainIdentityCodec.Read(r), MigrationCookie.Read(r));
    }

    /// <summary>CONFIRM3_PARAMS: dom; params; opaque cookie_in; uint flags; int cancelled.</summary>
    internal readonly struct MigrateConfirmArgs
    {
        public MigrateConfirmArgs(DomainIdentity domain, TypedParameterList parameters, byte[] cookieIn, uint flags, bool cancelled)
        {
            Domain = domain;
            Parameters = parameters;
            CookieIn = cookieIn;
            Flags = flags;
            Cancelled = cancelled;
        }

        public DomainIdentity Domain { get; }
        public TypedParameterList Parameters { get; }
        public byte[] CookieIn { get; }
        public uint Flags { get; }
        public bool Cancelled { get; }

        public static void Write(XdrWriter w, MigrateConfirmArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            MigrationCookie.WriteParams(w, a.Parameters);
            MigrationCookie.Write(w, a.CookieIn);
            w.WriteUInt(a.Flags);
            w.WriteInt(a.Cancelled ? 1 : 0);
        }
    }
}
