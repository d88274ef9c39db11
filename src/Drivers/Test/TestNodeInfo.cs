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
        /// <summary>3 GiB, libvirt's test driver default (virsh nodeinfo on test:///default).</summary>
        public ulong MemoryKiB { get; set; } = 3UL * 1024 * 1024;

        /// <summary>The node file's &lt;cpu&gt;&lt;active&gt;: how many CPUs are online, when it says.</summary>
        public int? Active { get; set; }

        public int Cpus => Active ?? Nodes * Sockets * Cores * Threads;
    }
}
