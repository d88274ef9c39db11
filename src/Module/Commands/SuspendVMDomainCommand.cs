using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Pauses running domains (virsh suspend); a domain that is paused already gets a warning, not an error.</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Suspend-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class SuspendVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Suspend";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            ChangeState(host, domain, ct => Domains(host).SuspendAsync(domain.ToIdentity(), ct),
                d => d.State == DomainState.Paused, "is already paused");
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
