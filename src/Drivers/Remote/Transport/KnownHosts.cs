using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>What an OpenSSH known_hosts file says about a host's key.</summary>
    internal enum KnownHostStatus
    {
        /// <summary>The key is listed for the host.</summary>
        Known,
        /// <summary>The host is not listed at all.</summary>
        Unknown,
        /// <summary>The host is listed with other keys only: changed key (or a key of another type).</summary>
        Changed,
        /// <summary>The key is marked @revoked.</summary>
        Revoked,
    }

    /// <summary>
    /// Reads OpenSSH known_hosts files: "[marker] patterns keytype base64-key [comment]" lines, where patterns
    /// are comma-separated names (with * and ? wildcards and ! negation), "[host]:port" for ports other than
    /// 22, or hashed "|1|salt|HMAC-SHA1(salt, name)" entries. @cert-authority lines are ignored (host
    /// certificates are not supported); @revoked keys are refused.
    /// </summary>
    internal sealed class KnownHosts
    {
        private readonly List<Entry> _entries = new List<Entry>();

        private sealed class Entry
        {
            public string Marker = "";
            public string[] Patterns = Array.Empty<string>();
            public byte[] Key = Array.Empty<byte>();
        }

        public static KnownHosts Load(string path) => Parse(File.Exists(path) ? File.ReadAllText(path) : "");

        public static KnownHosts Parse(string text)
        {
            var result = new KnownHosts();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var i = 0;
                var entry = new Entry();
                if (fields[0].StartsWith("@", StringComparison.Ordinal)) entry.Marker = fields[i++];
                if (fields.Length < i + 3) continue;
                entry.Patterns = fields[i].Split(',');
                try { entry.Key = Convert.FromBase64String(fields[i + 2]); }
                catch (FormatException) { continue; }
                result._entries.Add(entry);
            }
            return result;
        }

        /// <summary>The name OpenSSH records: "host" on port 22, "[host]:port" otherwise.</summary>
        public static string HostName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

        public KnownHostStatus Check(string host, int port, byte[] key)
        {
            var name = HostName(host, port);
            // A revoked key is refused whatever else the file says about it.
            if (_entries.Any(e => e.Marker == "@revoked" && e.Key.SequenceEqual(key))) return KnownHostStatus.Revoked;
            var listed = false;
            foreach (var e in _entries.Where(e => e.Marker.Length == 0))
            {
                if (!Matches(e.Patterns, name)) continue;
                if (e.Key.SequenceEqual(key)) return KnownHostStatus.Known;
                listed = true;
            }
            return listed ? KnownHostStatus.Changed : KnownHostStatus.Unknown;
        }

        /// <summary>The line ?known_hosts_verify=auto appends for a new host.</summary>
        public static string FormatLine(string host, int port, string keyType, byte[] key) =>
            $"{HostName(host, port)} {keyType} {Convert.ToBase64String(key)}";

        private static bool Matches(string[] patterns, string name)
        {
            var matched = false;
            foreach (var p in patterns)
            {
                if (p.StartsWith("|1|", StringComparison.Ordinal))
                {
                    if (HashedMatches(p, name)) matched = true;
                    continue;
                }
                var negated = p.StartsWith("!", StringComparison.Ordinal);
                var pattern = negated ? p.Substring(1) : p;
                if (!Wildcard(pattern, name)) continue;
                if (negated) return false;
                matched = true;
            }
            return matched;
        }

        private static bool HashedMatches(string entry, string name)
        {
            var parts = entry.Split('|'); // "", "1", salt, hash
            if (parts.Length != 4) return false;
            try
            {
                using var hmac = new HMACSHA1(Convert.FromBase64String(parts[2]));
                return hmac.ComputeHash(Encoding.UTF8.GetBytes(name)).SequenceEqual(Convert.FromBase64String(parts[3]));
            }
            catch (FormatException) { return false; }
        }

        /// <summary>OpenSSH's match_pattern: '*' any run, '?' one character, case-insensitive.</summary>
        private static bool Wildcard(string pattern, string name)
        {
            int p = 0, n = 0, star = -1, mark = 0;
            while (n < name.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(name[n]))) { p++; n++; }
                else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = n; }
                else if (star >= 0) { p = star + 1; n = ++mark; }
                else return false;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }
    }
}
