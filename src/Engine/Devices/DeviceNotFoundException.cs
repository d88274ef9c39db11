using System;

namespace Libvirt.Engine.Devices
{
    /// <summary>A disk, CD drive or network adapter the domain does not have; the cmdlets report it as DeviceNotFound.</summary>
    public sealed class DeviceNotFoundException : Exception
    {
        public DeviceNotFoundException(string message, string device) : base(message) { Device = device; }

        /// <summary>What was asked for: a target, a path or a MAC address.</summary>
        public string Device { get; }
    }
}
