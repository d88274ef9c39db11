using System.Management.Automation;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Shows a domain's running job, or with -Completed its last finished one (virsh domjobinfo).</summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainJob", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainJob.md")]
    [OutputType(typeof(DomainJobInfo))]
    public sealed class GetVMDomainJobCommand : DomainCmdlet
    {
        /// <summary>The statistics of the last completed (or failed, or cancelled) job.</summary>
        [Parameter]
        public SwitchParameter Completed { get; set; }

        protected override string Action => "Get job";

        private protected override void ProcessObject(HostTarget host, VMDomain domain) =>
            WriteObject(Await(ct => Domains(host).GetJobInfoAsync(domain.ToIdentity(), Completed, ct)));
    }
}
