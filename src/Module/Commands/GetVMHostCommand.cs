using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Describes hosts: hostname, hypervisor and libvirt versions, CPUs and memory (virsh nodeinfo, version).</summary>
    [Cmdlet(VerbsCommon.Get, "VMHost", HelpUri = HelpLinks.Base + "Get-VMHost.md")]
    [OutputType(typeof(VMHost))]
    public sealed class GetVMHostCommand : LibvirtCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>How many hosts are asked at once when several are given.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ThrottleLimit { get; set; } = HostFanOut.DefaultThrottleLimit;

        protected override void ProcessRecord()
        {
            Try(null, () =>
            {
                var sources = Hosts.Sources(Uri, Connection);
                if (sources.Count == 1)
                {
                    var host = sources[0].Open(Cancellation);
                    Try(host.Connection.Uri, () => WriteObject(Await(ct => host.Connection.Driver.Host().GetHostAsync(ct))));
                    return;
                }
                // Each host opened and asked on a worker of its own; each answer written as it comes.
                ForEachHost(sources, ThrottleLimit, source => TryHost(source.Uri, () =>
                {
                    var host = source.Open(Cancellation);
                    WriteObject(Await(ct => host.Connection.Driver.Host().GetHostAsync(ct)));
                }));
            });
        }
    }
}
