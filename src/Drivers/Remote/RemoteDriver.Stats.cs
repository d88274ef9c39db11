using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Stats;

namespace Libvirt.Drivers.Remote
{
    /// <summary>Statistics: CONNECT_GET_ALL_DOMAIN_STATS once for every domain asked for; NODE_GET_CPU/MEMORY_STATS for the host.</summary>
    public sealed partial class RemoteDriver : IStatsDriver
    {
        public async Task<IReadOnlyList<DomainStatsSnapshot>> GetDomainStatsAsync(IReadOnlyList<DomainIdentity> domains, DomainStatsGroups groups, CancellationToken cancellationToken)
        {
            var records = await CallAsync(DomainProcedures.ConnectGetAllDomainStats, new AllDomainStatsArgs(domains.ToArray(), (uint)groups, 0u), cancellationToken).ConfigureAwait(false);
            var now = DateTime.Now;
            return records.Select(r => new DomainStatsSnapshot(r.Domain, r.Stats, now)).ToList();
        }

        public Task<IReadOnlyDictionary<string, ulong>> GetNodeCpuStatsAsync(int cpu, CancellationToken cancellationToken) =>
            NodeStatsAsync(StatsProcedures.NodeGetCpuStats, cpu, cancellationToken);

        public Task<IReadOnlyDictionary<string, ulong>> GetNodeMemoryStatsAsync(int cell, CancellationToken cancellationToken) =>
            NodeStatsAsync(StatsProcedures.NodeGetMemoryStats, cell, cancellationToken);

        private async Task<IReadOnlyDictionary<string, ulong>> NodeStatsAsync(Rpc.Procedure<NodeStatsArgs, NodeStatsReply> procedure, int index, CancellationToken cancellationToken)
        {
            var count = (await CallAsync(procedure, new NodeStatsArgs(index, 0), cancellationToken).ConfigureAwait(false)).Count;
            var result = new Dictionary<string, ulong>(StringComparer.Ordinal);
            if (count <= 0) return result;
            var reply = await CallAsync(procedure, new NodeStatsArgs(index, Math.Min(count, StatsProcedures.NodeStatsMax)), cancellationToken).ConfigureAwait(false);
            foreach (var kv in reply.Fields) result[kv.Key] = kv.Value;
            return result;
        }
    }
}
