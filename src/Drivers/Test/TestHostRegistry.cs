using System;
using System.Collections.Generic;
using System.IO;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Uris;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// The in-process test hosts, one per URI path, shared by every connection in the process:
    /// test:///default (one running domain, 'test'), test:///NAME (empty; a second host for scripts and
    /// migration) and test:///ABSOLUTE/PATH.xml (loaded from a libvirt test-driver node file).
    /// </summary>
    internal static class TestHostRegistry
    {
        private static readonly Dictionary<string, TestHost> Hosts = new Dictionary<string, TestHost>(StringComparer.Ordinal);

        public static TestHost Get(LibvirtUri uri)
        {
            var path = uri.Path;
            if (path.Length <= 1)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test,
                    $"testOpen: test driver URI '{uri}' needs a path: test:///default, test:///NAME or test:///ABSOLUTE/PATH.xml") { Target = uri.OriginalString };
            lock (Hosts)
            {
                if (Hosts.TryGetValue(path, out var host)) return host;
                host = Create(path, uri);
                host.RegistryPath = path;
                Hosts.Add(path, host);
                return host;
            }
        }

        /// <summary>The host behind a URI path that a migration cookie or a peer-to-peer URI names.</summary>
        public static TestHost GetByPath(string path) => Get(LibvirtUri.Parse("test://" + path));

        /// <summary>Forgets a host so the next connection builds it anew (test isolation).</summary>
        public static void Reset(string path) { lock (Hosts) Hosts.Remove(path); }

        private static TestHost Create(string path, LibvirtUri uri)
        {
            if (path == "/default")
                return DefaultTestHost.Create();
            if (path.IndexOf('/', 1) < 0)
            {
                var name = path.Substring(1);
                return new TestHost(name, name, new TestNodeInfo());
            }
            if (!File.Exists(path))
                throw new LibvirtException(ErrorCode.OpenFailed, ErrorDomain.Test, $"failed to open test node file '{path}': no such file") { Target = uri.OriginalString };
            return TestNodeFile.Load(path);
        }
    }
}
