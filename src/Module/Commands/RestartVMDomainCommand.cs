using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Reboots running domains (virsh reboot).</summary>
    [Cmdlet(VerbsLifecycle.Restart, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Restart-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class RestartVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Restart";

        private protected override void ProcessDomain(HostTarget host, VMDomain domain)
        {
            host.Connection.Driver.RebootDomain(domain.ToIdentity(), Cancellation);
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
