using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;
using Libvirt.Engine.Stats;

namespace Libvirt.Engine.Drivers
{
    /// <summary>Statistics: every domain's in one call (virConnectGetAllDomainStats) and the host's CPU and memory counters.</summary>
    public interface IStatsDriver
    {
        /// <summary>The statistics of <paramref name="domains"/> (all domains when empty), one record per domain, in one call.</summary>
        Task<IReadOnlyList<DomainStatsSnapshot>> GetDomainStatsAsync(IReadOnlyList<DomainIdentity> domains, DomainStatsGroups groups, CancellationToken cancellationToken);

        /// <summary>virNodeGetCPUStats: cumulative nanoseconds by field (user, system, idle, iowait ...); <paramref name="cpu"/> -1 is all CPUs.</summary>
        Task<IReadOnlyDictionary<string, ulong>> GetNodeCpuStatsAsync(int cpu, CancellationToken cancellationToken);

        /// <summary>virNodeGetMemoryStats: KiB by field (total, free, buffers, cached); <paramref name="cell"/> -1 is the whole host.</summary>
        Task<IReadOnlyDictionary<string, ulong>> GetNodeMemoryStatsAsync(int cell, CancellationToken cancellationToken);
    }
}
