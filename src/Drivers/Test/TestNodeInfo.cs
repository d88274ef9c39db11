using System;

namespace Libvirt.Drivers.Test
{
    /// <summary>The host hardware a test host pretends to have (libvirt's node file &lt;cpu&gt; and &lt;memory&gt;).</summary>
    internal sealed class TestNodeInfo
    {
        /// <summary>The libvirt release whose API the embedded driver implements, for version checks.</summary>
        public static readonly Version EmulatedLibvirtVersion = new Version(11, 7, 0);

        public string Model { get; set; } = "i686";
        public int Mhz { get; set; } = 1400;
        public int Nodes { get; set; } = 2;
        public int Sockets { get; set; } = 2;
        public int Cores { get; set; } = 2;
        public int Threads { get; set; } = 2;
        public ulong MemoryKiB { get; set; } = 16UL * 1024 * 1024;

        public int Cpus => Nodes * Sockets * Cores * Threads;
    }
}
