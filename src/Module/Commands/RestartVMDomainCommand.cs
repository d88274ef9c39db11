using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Reboots running domains (virsh reboot): the guest is asked to restart. -Force resets the domain at once
    /// instead, as a hardware reset button would (virsh reset), without asking the guest and without a prompt.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Restart-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class RestartVMDomainCommand : DomainCmdlet
    {
        /// <summary>Reset the domain (virsh reset) instead of asking the guest to reboot.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => Force ? "Restart (reset)" : "Restart (reboot)";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var domains = Domains(host);
            if (Force) Await(ct => domains.ResetAsync(domain.ToIdentity(), ct));
            else Await(ct => domains.RebootAsync(domain.ToIdentity(), ct));
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
