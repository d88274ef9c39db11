using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Starts defined domains (virsh start).</summary>
    [Cmdlet(VerbsLifecycle.Start, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Start-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class StartVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Start";

        private protected override void ProcessDomain(HostTarget host, VMDomain domain)
        {
            host.Connection.Driver.StartDomain(domain.ToIdentity(), Cancellation);
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
