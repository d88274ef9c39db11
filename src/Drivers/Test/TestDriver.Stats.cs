using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Stats;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Statistics as libvirt's test driver has them (virsh -c test:///default domstats, nodecpustats,
    /// nodememstats): domains report only state.state and state.reason, the host fixed CPU counters, and
    /// memory statistics are not supported.
    /// </summary>
    public sealed partial class TestDriver : IStatsDriver
    {
        private static readonly IReadOnlyDictionary<string, ulong> NodeCpu = new Dictionary<string, ulong>(StringComparer.Ordinal)
        {
            ["user"] = 9797400000, ["system"] = 34678723400000, ["idle"] = 87264900000, ["iowait"] = 763600000,
        };

        public Task<IReadOnlyList<DomainStatsSnapshot>> GetDomainStatsAsync(IReadOnlyList<DomainIdentity> domains, DomainStatsGroups groups, CancellationToken cancellationToken) =>
            AsTask<IReadOnlyList<DomainStatsSnapshot>>(() =>
            {
                CheckOpen();
                var now = DateTime.Now;
                lock (_host.Sync)
                {
                    var selected = domains.Count == 0 ? _host.Domains : domains.Select(d => _host.Find(d)).ToList();
                    return selected.Select(d =>
                    {
                        var values = new TypedParameterList();
                        if ((groups & DomainStatsGroups.State) != 0 || groups == 0)
                        {
                            values.Add(TypedParameter.Int("state.state", (int)d.State));
                            values.Add(TypedParameter.Int("state.reason", d.Reason));
                        }
                        return new DomainStatsSnapshot(new DomainIdentity(d.Name, d.Uuid, d.Id ?? -1), values, now);
                    }).ToList();
                }
            });

        public Task<IReadOnlyDictionary<string, ulong>> GetNodeCpuStatsAsync(int cpu, CancellationToken cancellationToken) => AsTask(() =>
        {
            CheckOpen();
            if (cpu < -1 || cpu >= _host.Node.Cpus)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Test, $"invalid argument: Invalid cpuNum in testNodeGetCPUStats");
            return NodeCpu;
        });

        public Task<IReadOnlyDictionary<string, ulong>> GetNodeMemoryStatsAsync(int cell, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyDictionary<string, ulong>>(new LibvirtException(ErrorCode.NoSupport, ErrorDomain.None,
                "this function is not supported by the connection driver: virNodeGetMemoryStats") { Target = UriText });
    }
}
