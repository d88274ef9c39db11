using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Starts defined domains (virsh start); a domain that is running already gets a warning, not an error.</summary>
    [Cmdlet(VerbsLifecycle.Start, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Start-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class StartVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Start";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            ChangeState(host, domain, ct => Domains(host).StartAsync(domain.ToIdentity(), ct),
                d => d.IsActive, "is already running");
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
