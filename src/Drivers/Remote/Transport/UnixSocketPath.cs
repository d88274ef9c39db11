using System;
using System.Collections.Generic;
using System.IO;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Remote.Transport
{
    /// <summary>
    /// Chooses the daemon socket for a unix URI with libvirt's client rules (remote_sockets.c):
    /// an explicit ?socket= wins; otherwise a per-user session socket for .../session URIs, or the system
    /// socket, preferring the modular daemon's socket (virtqemud-sock, ...) when it exists (mode=auto),
    /// with the -ro variant for read-only connections.
    /// </summary>
    internal sealed class UnixSocketPath
    {
        public const string SystemDirectory = "/var/run/libvirt";
        private const string LegacySocketName = "libvirt-sock";

        /// <summary>Drivers served by their own modular daemon, whose socket is virt&lt;daemon&gt;d-sock.</summary>
        private static readonly Dictionary<string, string> ModularDaemons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["qemu"] = "virtqemud",
            ["lxc"] = "virtlxcd",
            ["xen"] = "virtxend",
            ["libxl"] = "virtxend",
            ["vbox"] = "virtvboxd",
            ["vz"] = "virtvzd",
            ["bhyve"] = "virtbhyved",
            ["ch"] = "virtchd",
        };

        private readonly Func<string, bool> _exists;
        private readonly Func<string, string?> _environment;

        public UnixSocketPath(Func<string, bool>? exists = null, Func<string, string?>? environment = null)
        {
            _exists = exists ?? File.Exists;
            _environment = environment ?? Environment.GetEnvironmentVariable;
        }

        public string Resolve(LibvirtUri uri, bool readOnly)
        {
            // libvirt checks mode= even when socket= makes it moot.
            var mode = (uri.GetQueryValue("mode") ?? "auto").ToLowerInvariant();
            if (mode != "auto" && mode != "legacy" && mode != "direct") throw UnknownMode(uri, mode);

            var explicitPath = uri.GetQueryValue("socket");
            // An empty socket= is a socket with no name, not "the default one": libvirt fails to connect to it.
            if (explicitPath != null && explicitPath.Length == 0)
                throw new LibvirtException(ErrorCode.SystemError, ErrorDomain.Rpc, "Failed to connect socket to '': Connection refused") { Target = uri.OriginalString };
            if (explicitPath != null) return explicitPath;

            var session = uri.Path == "/session";
            var directory = session ? SessionDirectory() : SystemDirectory;
            // The per-user daemon has no read-only socket; only the system daemon does.
            var suffix = readOnly && !session ? "-ro" : "";
            var legacy = Path.Combine(directory, LegacySocketName + suffix);

            if (mode == "legacy" || !ModularDaemons.TryGetValue(uri.Driver, out var daemon))
                return legacy;
            var modular = Path.Combine(directory, daemon + "-sock" + suffix);
            if (mode == "direct") return modular;
            return _exists(modular) ? modular : legacy;
        }

        /// <summary>
        /// The system socket on a remote host for netcat: no ?socket= lookup and no probing (mode is legacy or
        /// direct); paths use '/' whatever the local system is.
        /// </summary>
        public string ResolveRemote(LibvirtUri uri, bool readOnly, string mode)
        {
            var suffix = readOnly ? "-ro" : "";
            if (mode == "direct" && ModularDaemons.TryGetValue(uri.Driver, out var daemon))
                return SystemDirectory + "/" + daemon + "-sock" + suffix;
            if (mode != "legacy" && mode != "direct") throw UnknownMode(uri, mode);
            return SystemDirectory + "/" + LegacySocketName + suffix;
        }

        /// <summary>libvirt's error (VIR_ERR_INVALID_ARG from VIR_FROM_REMOTE, same text), with the accepted values.</summary>
        private static LibvirtException UnknownMode(LibvirtUri uri, string mode) =>
            new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Remote,
                $"invalid argument: Unknown remote mode '{mode}' (expected auto, legacy or direct)") { Target = uri.OriginalString };

        /// <summary>$XDG_RUNTIME_DIR/libvirt, else ~/.cache/libvirt (virGetUserRuntimeDirectory).</summary>
        private string SessionDirectory()
        {
            var runtime = _environment("XDG_RUNTIME_DIR");
            if (!string.IsNullOrEmpty(runtime)) return Path.Combine(runtime!, "libvirt");
            var cache = _environment("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(cache)) return Path.Combine(cache!, "libvirt");
            var home = _environment("HOME") ?? "/";
            return Path.Combine(home, ".cache", "libvirt");
        }
    }
}
