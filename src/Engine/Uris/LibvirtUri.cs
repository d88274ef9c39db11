using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Uris
{
    /// <summary>
    /// A libvirt connection URI, <c>driver[+transport]://[user@][host][:port]/path[?query]</c>, parsed with
    /// libvirt's rules: the transport defaults to tls when a host is given and to unix otherwise; query
    /// parameters listed in <see cref="ClientOnlyParameters"/> configure the client and are not sent to
    /// the daemon.
    /// </summary>
    public sealed class LibvirtUri
    {
        /// <summary>Query parameters the client consumes (libvirt's remote driver strips them from the name it sends).</summary>
        public static readonly IReadOnlyCollection<string> ClientOnlyParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "name", "command", "socket", "auth", "sshauth", "netcat", "keyfile", "pkipath", "known_hosts",
            "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity", "no_verify", "no_tty", "authfile",
        };

        private LibvirtUri(string original) { OriginalString = original; }

        public string OriginalString { get; }

        /// <summary>The hypervisor driver name: test, qemu, lxc, remote, ...</summary>
        public string Driver { get; private set; } = "";

        /// <summary>The transport as written, or None when the scheme has no '+transport'.</summary>
        public UriTransport ExplicitTransport { get; private set; }

        /// <summary>The transport the client uses: the explicit one, else tls with a host, else unix.</summary>
        public UriTransport Transport =>
            ExplicitTransport != UriTransport.None ? ExplicitTransport
            : string.IsNullOrEmpty(Host) ? UriTransport.Unix : UriTransport.Tls;

        public string? User { get; private set; }
        public string? Host { get; private set; }
        public int? Port { get; private set; }

        /// <summary>The path, with its leading '/': "/default", "/system", "/tmp/node.xml".</summary>
        public string Path { get; private set; } = "";

        public string? Fragment { get; private set; }

        public IReadOnlyList<UriQueryParameter> Query { get; private set; } = Array.Empty<UriQueryParameter>();

        /// <summary>True for URIs the embedded in-process test driver serves: test:///..., without transport or host.</summary>
        public bool IsEmbeddedTest =>
            Driver == "test" && ExplicitTransport == UriTransport.None && string.IsNullOrEmpty(Host);

        public string? GetQueryValue(string name) =>
            Query.LastOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

        /// <summary>True when a boolean client parameter such as no_verify=1 is set.</summary>
        public bool GetQueryFlag(string name)
        {
            var v = GetQueryValue(name);
            return v != null && v != "0" && !string.Equals(v, "false", StringComparison.OrdinalIgnoreCase) && !string.Equals(v, "no", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The name a client sends to the daemon in CONNECT_OPEN: scheme without the transport, path, fragment
        /// and the query parameters that are not client-only; ?name= overrides; the 'remote' driver sends "".
        /// </summary>
        public string ToServerName()
        {
            var explicitName = GetQueryValue("name");
            if (explicitName != null) return explicitName;
            if (Driver == "remote") return "";
            var sb = new StringBuilder();
            sb.Append(Driver).Append("://").Append(Path);
            var kept = Query.Where(q => !ClientOnlyParameters.Contains(q.Name)).ToList();
            if (kept.Count > 0)
                sb.Append('?').Append(string.Join("&", kept.Select(q => Escape(q.Name) + "=" + Escape(q.Value))));
            if (Fragment != null) sb.Append('#').Append(Fragment);
            return sb.ToString();
        }

        public override string ToString() => OriginalString;

        public static bool TryParse(string? text, out LibvirtUri? uri)
        {
            try { uri = Parse(text); return true; }
            catch (LibvirtException) { uri = null; return false; }
        }

        public static LibvirtUri Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
                throw Invalid(text ?? "", "the URI is empty");
            var s = text!.Trim();
            var uri = new LibvirtUri(s);

            var schemeEnd = s.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
                throw Invalid(s, "expected driver[+transport]://[user@][host][:port]/path, for example test:///default or qemu+ssh://root@host/system");
            var scheme = s.Substring(0, schemeEnd);
            var plus = scheme.IndexOf('+');
            uri.Driver = plus < 0 ? scheme : scheme.Substring(0, plus);
            if (uri.Driver.Length == 0 || !uri.Driver.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_'))
                throw Invalid(s, $"'{uri.Driver}' is not a valid driver name");
            uri.Driver = uri.Driver.ToLowerInvariant();
            if (plus >= 0)
                uri.ExplicitTransport = ParseTransport(s, scheme.Substring(plus + 1));

            var rest = s.Substring(schemeEnd + 3);
            var hashAt = rest.IndexOf('#');
            if (hashAt >= 0) { uri.Fragment = rest.Substring(hashAt + 1); rest = rest.Substring(0, hashAt); }
            var queryAt = rest.IndexOf('?');
            string query = "";
            if (queryAt >= 0) { query = rest.Substring(queryAt + 1); rest = rest.Substring(0, queryAt); }
            var slashAt = rest.IndexOf('/');
            var authority = slashAt < 0 ? rest : rest.Substring(0, slashAt);
            uri.Path = slashAt < 0 ? "" : Unescape(s, rest.Substring(slashAt));

            ParseAuthority(s, authority, uri);
            uri.Query = ParseQuery(s, query);
            return uri;
        }

        private static UriTransport ParseTransport(string s, string t)
        {
            switch (t.ToLowerInvariant())
            {
                case "unix": return UriTransport.Unix;
                case "tls": return UriTransport.Tls;
                case "tcp": return UriTransport.Tcp;
                case "ssh": return UriTransport.Ssh;
                case "libssh": return UriTransport.Libssh;
                case "libssh2": return UriTransport.Libssh2;
                case "ext": return UriTransport.Ext;
                default:
                    throw Invalid(s, $"transport '{t}' is not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)");
            }
        }

        private static void ParseAuthority(string s, string authority, LibvirtUri uri)
        {
            if (authority.Length == 0) return;
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                uri.User = Unescape(s, authority.Substring(0, at));
                if (uri.User.Length == 0) throw Invalid(s, "the user name before '@' is empty");
                authority = authority.Substring(at + 1);
            }
            string host;
            string? port = null;
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                var close = authority.IndexOf(']');
                if (close < 0) throw Invalid(s, "an IPv6 address needs a closing ']'");
                host = authority.Substring(1, close - 1);
                var after = authority.Substring(close + 1);
                if (after.Length > 0)
                {
                    if (after[0] != ':') throw Invalid(s, "unexpected text after the IPv6 address");
                    port = after.Substring(1);
                }
            }
            else
            {
                var colon = authority.LastIndexOf(':');
                host = colon < 0 ? authority : authority.Substring(0, colon);
                if (colon >= 0) port = authority.Substring(colon + 1);
            }
            if (host.Length == 0 && (port != null || uri.User != null))
                throw Invalid(s, "a user or port needs a host name");
            uri.Host = host.Length == 0 ? null : host;
            if (port != null)
            {
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1 || p > 65535)
                    throw Invalid(s, $"port '{port}' is not a number from 1 to 65535");
                uri.Port = p;
            }
        }

        private static IReadOnlyList<UriQueryParameter> ParseQuery(string s, string query)
        {
            var list = new List<UriQueryParameter>();
            if (query.Length == 0) return list;
            foreach (var part in query.Split('&', ';'))
            {
                if (part.Length == 0) continue;
                var eq = part.IndexOf('=');
                var name = Unescape(s, eq < 0 ? part : part.Substring(0, eq));
                var value = eq < 0 ? "" : Unescape(s, part.Substring(eq + 1));
                if (name.Length == 0) throw Invalid(s, "a query parameter has no name");
                list.Add(new UriQueryParameter(name, value));
            }
            return list;
        }

        private static string Unescape(string s, string part)
        {
            if (part.IndexOf('%') < 0) return part;
            var bytes = new List<byte>();
            for (var i = 0; i < part.Length; i++)
            {
                if (part[i] == '%')
                {
                    if (i + 2 >= part.Length || !byte.TryParse(part.Substring(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                        throw Invalid(s, $"bad percent escape in '{part}'");
                    bytes.Add(b);
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(part[i].ToString()));
                }
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        private static string Escape(string v) => Uri.EscapeDataString(v).Replace("%2F", "/").Replace("%3A", ":");

        private static LibvirtException Invalid(string uri, string why) =>
            new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Uri, $"Malformed libvirt URI '{uri}': {why}.") { Target = uri };
    }
}
