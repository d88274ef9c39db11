using System;

namespace Libvirt.Engine.Model
{
    /// <summary>A hypervisor host reached through one connection.</summary>
    public sealed class VMHost
    {
        public string Hostname { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>libvirt's driver type name, such as QEMU or TEST.</summary>
        public string HypervisorType { get; set; } = "";

        public Version HypervisorVersion { get; set; } = new Version(0, 0, 0);
        public Version LibvirtVersion { get; set; } = new Version(0, 0, 0);
        public string CpuModel { get; set; } = "";
        public int Cpus { get; set; }
        public long MemoryMB { get; set; }

        public override string ToString() => Hostname;
    }
}
