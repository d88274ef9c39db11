using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Stats;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// The host's CPU counters and busy percentage (virNodeGetCPUStats, over -IntervalSec) and memory
    /// (virNodeGetMemoryStats), in the same shape as Get-VMDomainStat.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VMHostStat", HelpUri = HelpLinks.Base + "Get-VMHostStat.md")]
    [OutputType(typeof(VMStat))]
    public sealed class GetVMHostStatCommand : LibvirtCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int IntervalSec { get; set; } = 1;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxSamples { get; set; } = 1;

        /// <summary>One CPU's counters instead of the whole host's.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Cpu { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Metric { get; set; }

        protected override void ProcessRecord()
        {
            var patterns = (Metric ?? Array.Empty<string>()).Select(m => new WildcardPattern(m, WildcardOptions.IgnoreCase)).ToArray();
            bool Wanted(VMStat s) => patterns.Length == 0 || patterns.Any(p => p.IsMatch(s.MetricId));
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                var cpu = Cpu ?? -1;
                var memoryMissing = new HashSet<string>();
                var previous = Await(ct => Task.WhenAll(hosts.Select(h => h.Connection.Driver.Stats().GetNodeCpuStatsAsync(cpu, ct))));
                var clock = DateTime.Now;
                for (var i = 0; i < MaxSamples; i++)
                {
                    Await(ct => Task.Delay(TimeSpan.FromSeconds(IntervalSec), ct));
                    var cpuCalls = hosts.Select(h => h.Connection.Driver.Stats().GetNodeCpuStatsAsync(cpu, Cancellation)).ToArray();
                    var memCalls = hosts.Select(h => h.Connection.Driver.Stats().GetNodeMemoryStatsAsync(-1, Cancellation)).ToArray();
                    var now = DateTime.Now;
                    var seconds = (now - clock).TotalSeconds;
                    for (var h = 0; h < hosts.Count; h++)
                    {
                        var connection = hosts[h].Connection;
                        var index = h;
                        var stats = new List<VMStat>();
                        Try(connection.Uri, () =>
                        {
                            var current = Await(_ => cpuCalls[index]);
                            stats.AddRange(StatCalculator.HostCpu(connection.Hostname, previous[index], current, now, seconds));
                            previous[index] = current;
                        });
                        try { stats.AddRange(StatCalculator.HostMemory(connection.Hostname, Await(_ => memCalls[index]), now)); }
                        catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport)
                        {
                            if (memoryMissing.Add(connection.Uri)) WriteWarning($"{connection.Uri} has no memory statistics: {e.Message}");
                        }
                        foreach (var s in stats.Where(Wanted))
                        {
                            if (Cpu != null && s.MetricId.StartsWith("cpu.", StringComparison.Ordinal)) s.Instance = Cpu.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                            s.Host = connection.Hostname;
                            s.Uri = connection.Uri;
                            WriteObject(s);
                        }
                    }
                    clock = now;
                }
            });
        }
    }
}
