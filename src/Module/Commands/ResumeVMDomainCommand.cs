using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Resumes paused domains (virsh resume); a domain that is running already gets a warning, not an error.</summary>
    [Cmdlet(VerbsLifecycle.Resume, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Resume-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class ResumeVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Resume";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            ChangeState(host, domain, ct => Domains(host).ResumeAsync(domain.ToIdentity(), ct),
                d => d.State == DomainState.Running, "is already running");
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
