using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Refuses a migrate URI (VIR_MIGRATE_PARAM_URI) the way libvirt's QEMU driver does when it prepares an
    /// incoming migration, with the same codes and messages: unparsable, no scheme, a scheme QEMU cannot
    /// listen on, no host. The embedded host moves nothing over the network, but a script that passes a
    /// garbage URI must fail here exactly as it would on a real host.
    /// </summary>
    internal static class MigrateUriCheck
    {
        // tcp, rdma and unix are what QEMU 7.2/libvirt 9.0 accept; test is the embedded host's own scheme.
        private static readonly string[] Schemes = { "tcp", "rdma", "unix", "test" };

        public static void Validate(string? uri)
        {
            if (uri == null) return; // none given: the destination picks one
            // libvirt's legacy form "tcp:host[:port]" is taken as a host name, not parsed as a URI.
            if (uri.StartsWith("tcp:", System.StringComparison.Ordinal) && !uri.StartsWith("tcp://", System.StringComparison.Ordinal))
            {
                if (uri.Length == 4) throw MissingHost(uri);
                return;
            }
            var colon = uri.IndexOf(':');
            var scheme = colon > 0 && IsScheme(uri.Substring(0, colon)) ? uri.Substring(0, colon) : null;
            string? host = null;
            if (scheme != null && string.CompareOrdinal(uri, colon + 1, "//", 0, 2) == 0)
                host = Host(uri, uri.Substring(colon + 3));
            if (scheme == null)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, "invalid argument: missing scheme in migration URI: " + uri) { Target = uri };
            if (System.Array.IndexOf(Schemes, scheme) < 0)
                throw new LibvirtException(ErrorCode.ArgumentUnsupported, ErrorDomain.Test,
                    $"argument unsupported: unsupported scheme {scheme} in migration URI {uri}") { Target = uri };
            if (string.IsNullOrEmpty(host) && scheme != "unix" && scheme != "test") throw MissingHost(uri);
        }

        /// <summary>The host of an authority section; a port that is not a number makes the URI unparsable, as in libvirt.</summary>
        private static string Host(string uri, string afterSlashes)
        {
            var end = afterSlashes.IndexOfAny(new[] { '/', '?', '#' });
            var authority = end < 0 ? afterSlashes : afterSlashes.Substring(0, end);
            var at = authority.LastIndexOf('@');
            if (at >= 0) authority = authority.Substring(at + 1);
            var portColon = authority.StartsWith("[", System.StringComparison.Ordinal) ? authority.IndexOf(':', authority.IndexOf(']') + 1) : authority.LastIndexOf(':');
            if (portColon < 0) return authority;
            var port = authority.Substring(portColon + 1);
            foreach (var c in port)
                if (c < '0' || c > '9')
                    throw new LibvirtException(ErrorCode.InternalError, ErrorDomain.Uri, "internal error: Unable to parse URI " + uri) { Target = uri };
            return authority.Substring(0, portColon);
        }

        private static bool IsScheme(string s)
        {
            if (s.Length == 0 || !char.IsLetter(s[0])) return false;
            foreach (var c in s)
                if (!(char.IsLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) return false;
            return true;
        }

        private static LibvirtException MissingHost(string uri) =>
            new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, "invalid argument: missing host in migration URI: " + uri) { Target = uri };
    }
}
