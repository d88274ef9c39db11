using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

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

        protected override void ProcessRecord()
        {
            Try(null, () =>
            {
                foreach (var host in Hosts.Resolve(Uri, Connection, Cancellation))
                    Try(host.Connection.Uri, () => WriteObject(Await(ct => host.Connection.Driver.Host().GetHostAsync(ct))));
            });
        }
    }
}
