using System.Reflection;
using System.Runtime.Loader;
using System.Threading;

namespace Libvirt.PowerShell.Loader
{
    /// <summary>
    /// Called once by the module on import (by reflection: the module is netstandard2.0). The module's own
    /// assemblies stay in the default context, so their types are PowerShell's to name ([Libvirt.Engine...]);
    /// when one of them asks for a third-party assembly the default context cannot find (the module folder has
    /// none: they live in dependencies/), the answer comes from the module's own context.
    /// </summary>
    public static class DependencyResolver
    {
        private static DependencyLoadContext? _context;

        /// <summary>The module's load context, once installed (tests look at what it holds).</summary>
        public static AssemblyLoadContext? Context => _context;

        public static void Install(string dependencyDirectory)
        {
            var context = new DependencyLoadContext(dependencyDirectory);
            if (Interlocked.CompareExchange(ref _context, context, null) is not null)
                return; // imported before in this process: one context, one handler
            AssemblyLoadContext.Default.Resolving += (_, name) =>
                context.PathOf(name) is null ? null : context.LoadFromAssemblyName(name);
        }
    }
}
