using System.Text;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// The command the ssh and libssh transports run on the remote host, chosen as libvirt's client does
    /// (protocol.md §8): with ?proxy=auto (the default) virt-ssh-helper when the remote host has it, else
    /// netcat; an explicit ?socket= or ?netcat= (or ?proxy=netcat) means netcat on that socket;
    /// ?proxy=native means virt-ssh-helper only. virt-ssh-helper gets the server name URI (and -r when
    /// read-only) and finds the daemon's socket itself; netcat gets ?socket=, else the remote system socket
    /// for the driver and ?mode= (auto counts as legacy: the remote sockets cannot be probed from here),
    /// with -q0 when that netcat needs it to exit at end of input.
    /// </summary>
    internal static class SshRemoteCommand
    {
        public static string Build(LibvirtUri uri, bool readOnly)
        {
            var proxy = (uri.GetQueryValue("proxy") ?? "auto").ToLowerInvariant();
            var socket = uri.GetQueryValue("socket");
            var netcat = uri.GetQueryValue("netcat");
            if (proxy != "auto" && proxy != "netcat" && proxy != "native")
                throw Invalid(uri, $"Unknown proxy '{proxy}' (expected auto, netcat or native).");
            if (proxy == "auto" && (!string.IsNullOrEmpty(socket) || !string.IsNullOrEmpty(netcat))) proxy = "netcat";
            if (proxy == "native" && !string.IsNullOrEmpty(socket))
                throw Invalid(uri, "A socket path cannot be given with proxy=native: virt-ssh-helper finds the socket itself.");

            var helper = "virt-ssh-helper " + (readOnly ? "-r " : "") + Quote(uri.ToServerName());
            if (proxy == "native") return helper;

            if (string.IsNullOrEmpty(socket))
            {
                if (uri.Path == "/session")
                    throw Invalid(uri, "The remote per-user (session) socket cannot be found with netcat: give ?socket= or use proxy=native.");
                var mode = (uri.GetQueryValue("mode") ?? "auto").ToLowerInvariant();
                var remote = mode == "auto" ? "legacy" : mode;
                socket = new UnixSocketPath(_ => false).ResolveRemote(uri, readOnly, remote);
            }
            var nc = Quote(string.IsNullOrEmpty(netcat) ? "nc" : netcat!);
            // OpenBSD netcat needs -q0 to quit when its input ends; others lack -q (and say so differently).
            var netcatScript = new StringBuilder()
                .Append("if ").Append(nc).Append(" -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ")
                .Append(nc).Append(" $ARG -U ").Append(Quote(socket!))
                .ToString();
            var script = proxy == "netcat"
                ? netcatScript
                : "if command -v virt-ssh-helper >/dev/null 2>&1; then " + helper + "; else " + netcatScript + "; fi";
            return "sh -c " + Quote(script);
        }

        /// <summary>POSIX shell single quoting: 'it'\''s'.</summary>
        public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

        private static LibvirtException Invalid(LibvirtUri uri, string why) =>
            new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote, why + $" (URI '{uri}')") { Target = uri.OriginalString };
    }
}
