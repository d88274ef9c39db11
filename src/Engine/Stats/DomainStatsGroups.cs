using System;

namespace Libvirt.Engine.Stats
{
    /// <summary>virDomainStatsTypes: which groups of statistics to read.</summary>
    [Flags]
    public enum DomainStatsGroups : uint
    {
        State = 1,
        CpuTotal = 2,
        Balloon = 4,
        VCpu = 8,
        Interface = 16,
        Block = 32,
        /// <summary>What Get-VMDomainStat reads.</summary>
        Default = State | CpuTotal | Balloon | VCpu | Interface | Block,
    }
}
