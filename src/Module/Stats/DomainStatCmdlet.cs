using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Stats;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Stats
{
    /// <summary>
    /// Get-VMDomainStat and Measure-VMDomain: the domains named or piped in are collected, then sampled
    /// -MaxSamples times, -IntervalSec apart, with one CONNECT_GET_ALL_DOMAIN_STATS per host per sample (all
    /// hosts at once); each sample's rates are over the time since the one before.
    /// </summary>
    public abstract class DomainStatCmdlet : DomainCmdlet
    {
        private readonly List<(HostTarget Host, VMDomain Domain)> _domains = new List<(HostTarget, VMDomain)>();

        /// <summary>Seconds between samples (rates are computed over it).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int IntervalSec { get; set; } = 1;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxSamples { get => _maxSamples ?? DefaultSamples; set => _maxSamples = value; }

        private int? _maxSamples;

        /// <summary>Only these metrics (wildcards: cpu.*, disk.*.bytesps).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Metric { get; set; }

        private protected abstract int DefaultSamples { get; }

        protected override string Action => "Read statistics";

        private protected override void ProcessObject(HostTarget host, VMDomain domain) => _domains.Add((host, domain));

        /// <summary>Every sample of every domain, as they are taken.</summary>
        private protected IEnumerable<VMStat> Sample()
        {
            var patterns = (Metric ?? Array.Empty<string>()).Select(m => new WildcardPattern(m, WildcardOptions.IgnoreCase)).ToArray();
            var hosts = _domains.GroupBy(d => d.Host.Connection).Select(g => (Host: g.First().Host, Ids: g.Select(d => d.Domain.ToIdentity()).Distinct().ToList())).ToList();
            if (hosts.Count == 0) yield break;
            var previous = Read(hosts);
            for (var i = 0; i < MaxSamples; i++)
            {
                Await(ct => Task.Delay(TimeSpan.FromSeconds(IntervalSec), ct));
                var current = Read(hosts);
                for (var h = 0; h < hosts.Count; h++)
                {
                    if (current[h] == null || previous[h] == null) continue;
                    var before = previous[h]!.ToDictionary(s => s.Domain.Uuid);
                    foreach (var after in current[h]!)
                    {
                        if (!before.TryGetValue(after.Domain.Uuid, out var b)) continue;
                        foreach (var stat in StatCalculator.Domain(b, after))
                        {
                            if (patterns.Length > 0 && !patterns.Any(p => p.IsMatch(stat.MetricId))) continue;
                            stat.Host = hosts[h].Host.Connection.Hostname;
                            stat.Uri = hosts[h].Host.Connection.Uri;
                            yield return stat;
                        }
                    }
                }
                previous = current;
            }
        }

        // One call per host, all in flight together; a host that fails is reported and left out of this sample.
        private IReadOnlyList<DomainStatsSnapshot>?[] Read(List<(HostTarget Host, List<DomainIdentity> Ids)> hosts)
        {
            var calls = hosts.Select(h => h.Host.Connection.Driver.Stats().GetDomainStatsAsync(h.Ids, DomainStatsGroups.Default, Cancellation)).ToArray();
            var result = new IReadOnlyList<DomainStatsSnapshot>?[hosts.Count];
            for (var i = 0; i < calls.Length; i++)
            {
                var index = i;
                Try(hosts[i].Host.Connection.Uri, () => result[index] = Await(_ => calls[index]));
            }
            return result;
        }
    }
}
