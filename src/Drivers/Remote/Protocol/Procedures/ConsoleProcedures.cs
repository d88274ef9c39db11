using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>
    /// REMOTE_PROGRAM procedures of a domain's console and screen. Screenshot and console open a stream
    /// (readstream), so they are called with <see cref="RpcClient.OpenStreamAsync"/>.
    /// </summary>
    internal static class ConsoleProcedures
    {
        /// <summary>args: remote_nonnull_domain dom; remote_string dev_name; uint flags → void; then a read/write stream.</summary>
        public static readonly Procedure<ConsoleArgs, None> DomainOpenConsole =
            new(Programs.Remote, RemoteProcedure.DomainOpenConsole, ConsoleArgs.Write, None.Read);

        /// <summary>args: remote_nonnull_domain dom; uint screen; uint flags → remote_string mime; then a read stream.</summary>
        public static readonly Procedure<ScreenshotArgs, string?> DomainScreenshot =
            new(Programs.Remote, RemoteProcedure.DomainScreenshot, ScreenshotArgs.Write, r => r.ReadOptionalString());

        /// <summary>args: remote_nonnull_domain dom; uint codeset; uint holdtime; uint keycodes&lt;16&gt;; uint flags → void.</summary>
        public static readonly Procedure<SendKeyArgs, None> DomainSendKey =
            new(Programs.Remote, RemoteProcedure.DomainSendKey, SendKeyArgs.Write, None.Read);
    }

    internal readonly struct ConsoleArgs
    {
        public ConsoleArgs(DomainIdentity domain, string? device, uint flags) { Domain = domain; Device = device; Flags = flags; }
        public DomainIdentity Domain { get; }
        public string? Device { get; }
        public uint Flags { get; }

        public static void Write(XdrWriter w, ConsoleArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            w.WriteOptionalString(a.Device);
            w.WriteUInt(a.Flags);
        }
    }

    internal readonly struct ScreenshotArgs
    {
        public ScreenshotArgs(DomainIdentity domain, uint screen) { Domain = domain; Screen = screen; }
        public DomainIdentity Domain { get; }
        public uint Screen { get; }

        public static void Write(XdrWriter w, ScreenshotArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            w.WriteUInt(a.Screen);
            w.WriteUInt(0); // flags: none defined
        }
    }

    internal readonly struct SendKeyArgs
    {
        /// <summary>REMOTE_DOMAIN_SEND_KEY_MAX: keys in one call.</summary>
        public const int MaxKeys = 16;

        public SendKeyArgs(DomainIdentity domain, uint codeset, uint holdTimeMs, uint[] keys) { Domain = domain; Codeset = codeset; HoldTimeMs = holdTimeMs; Keys = keys; }
        public DomainIdentity Domain { get; }
        public uint Codeset { get; }
        public uint HoldTimeMs { get; }
        public uint[] Keys { get; }

        public static void Write(XdrWriter w, SendKeyArgs a)
        {
            DomainIdentityCodec.Write(w, a.Domain);
            w.WriteUInt(a.Codeset);
            w.WriteUInt(a.HoldTimeMs);
            w.WriteUInt((uint)a.Keys.Length);
            foreach (var k in a.Keys) w.WriteUInt(k);
            w.WriteUInt(0); // flags
        }
    }
}
