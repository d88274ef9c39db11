using Libvirt.Drivers;
using Libvirt.Engine.Connections;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>
    /// The hosts this PowerShell process is connected to, like PowerCLI's default servers: Connect-VMHost adds
    /// to it and every cmdlet given no -Uri or -Connection uses it.
    /// </summary>
    internal static class SessionHosts
    {
        public static ConnectionSet Current { get; } = new ConnectionSet(DriverFactory.Instance);

        /// <summary>The environment variable libvirt's own clients read for a default URI.</summary>
        public const string DefaultUriVariable = "LIBVIRT_DEFAULT_URI";
    }
}
