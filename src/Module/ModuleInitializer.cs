using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Runs when PowerShell imports the module, before any cmdlet: teaches the process where the module's
    /// third-party assemblies are. They ship in the module's dependencies folder, not beside the cmdlets, so
    /// nothing (neither PowerShell's probing nor another module's) picks them up by accident.
    /// On .NET (pwsh 7) they load into the module's own AssemblyLoadContext (Libvirt.PowerShell.Loader);
    /// .NET Framework (Windows PowerShell 5.1) has no load contexts, so there they load on demand into the
    /// one AppDomain, from the same folder.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public const string DependencyFolder = "dependencies";
        private const string LoaderAssembly = "Libvirt.PowerShell.Loader.dll";
        private const string ResolverType = "Libvirt.PowerShell.Loader.DependencyResolver";

        private static readonly object Gate = new object();
        private static bool _installed;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_installed)
                    return;
                string moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
                string dependencies = Path.Combine(moduleDirectory, DependencyFolder);
                if (IsDotNet())
                    InstallLoadContext(moduleDirectory, dependencies);
                else
                    AppDomain.CurrentDomain.AssemblyResolve += (_, e) => ResolveFromFolder(dependencies, e.Name);
                _installed = true;
            }
        }

        // ".NET Core 3.1", ".NET 8.0.x": load contexts. ".NET Framework 4.8", "Mono 6.12": none the module can use.
        private static bool IsDotNet()
        {
            string description = RuntimeInformation.FrameworkDescription;
            return description.StartsWith(".NET", StringComparison.Ordinal)
                && !description.StartsWith(".NET Framework", StringComparison.Ordinal);
        }

        private static void InstallLoadContext(string moduleDirectory, string dependencies)
        {
            Assembly loader = Assembly.LoadFrom(Path.Combine(moduleDirectory, LoaderAssembly));
            MethodInfo install = loader.GetType(ResolverType, throwOnError: true)!.GetMethod("Install", new[] { typeof(string) })
                ?? throw new MissingMethodException(ResolverType, "Install");
            install.Invoke(null, new object[] { dependencies });
        }

        private static Assembly? ResolveFromFolder(string directory, string requested)
        {
            string? name = new AssemblyName(requested).Name;
            if (name is null)
                return null;
            string path = Path.Combine(directory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
