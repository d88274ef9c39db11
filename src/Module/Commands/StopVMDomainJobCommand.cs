using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Aborts a domain's running job, such as a migration (virsh domjobabort). The domain stays where it was.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "VMDomainJob", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Stop-VMDomainJob.md")]
    [OutputType(typeof(void))]
    public sealed class StopVMDomainJobCommand : DomainCmdlet
    {
        protected override string Action => "Abort job";

        private protected override void ProcessObject(HostTarget host, VMDomain domain) =>
            Await(ct => Domains(host).AbortJobAsync(domain.ToIdentity(), ct));
    }
}
