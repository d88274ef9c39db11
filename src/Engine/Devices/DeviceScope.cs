using System;

namespace Libvirt.Engine.Devices
{
    /// <summary>virDomainDeviceModifyFlags (VIR_DOMAIN_AFFECT_*): which definition a device change affects.</summary>
    [Flags]
    public enum DeviceScope : uint
    {
        /// <summary>The live definition if the domain runs, else the persistent one.</summary>
        Current = 0,
        Live = 1,
        Config = 2,
    }
}
