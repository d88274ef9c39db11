using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// A driver whose connection can die under it (a daemon killed, a network gone, keepalive given up).
    /// Drivers that cannot die (the embedded test hypervisor) do not implement it.
    /// </summary>
    public interface IConnectionHealth
    {
        /// <summary>Why the connection is dead, or null while it is usable.</summary>
        LibvirtException? Failure { get; }
    }
}
