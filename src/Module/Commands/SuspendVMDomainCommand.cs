using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Pauses running domains (virsh suspend).</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Suspend-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class SuspendVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Suspend";

        private protected override void ProcessDomain(HostTarget host, VMDomain domain)
        {
            host.Connection.Driver.SuspendDomain(domain.ToIdentity(), Cancellation);
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
