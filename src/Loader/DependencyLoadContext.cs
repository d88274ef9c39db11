using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Libvirt.PowerShell.Loader
{
    /// <summary>
    /// The load context of the module's third-party assemblies (SSH.NET, BouncyCastle and what they need), all
    /// from the module's dependencies folder. Another module may have loaded its own copy of one of them, of
    /// another version, into the default context: here each name resolves to the copy the module was built
    /// with, so neither module gets the other's.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _directory;
        private readonly HashSet<string> _platform;

        public DependencyLoadContext(string directory) : base("Libvirt", isCollectible: false)
        {
            _directory = directory;
            _platform = PlatformAssemblyNames();
        }

        /// <summary>The path of a dependency the module ships for this name, or null.</summary>
        public string? PathOf(AssemblyName name)
        {
            if (name.Name is null || _platform.Contains(name.Name))
                return null;
            string path = Path.Combine(_directory, name.Name + ".dll");
            return File.Exists(path) ? path : null;
        }

        protected override Assembly? Load(AssemblyName name)
        {
            // The runtime's and PowerShell's own assemblies stay shared (null defers to the default context):
            // types pass between the module and the host through them, and netstandard polyfills such as
            // System.Memory must be the platform's, never the copies shipped for .NET Framework.
            string? path = PathOf(name);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        // The trusted platform assemblies: the runtime's and those of the application that hosts it (pwsh).
        private static HashSet<string> PlatformAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (string path in list.Split(Path.PathSeparator))
                {
                    if (path.Length > 0)
                        names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }
            return names;
        }
    }
}
