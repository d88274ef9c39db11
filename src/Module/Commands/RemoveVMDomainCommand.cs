using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Removes domain definitions (virsh undefine). As in libvirt, a running persistent domain keeps running
    /// as a transient one; -Force powers it off first so that it is gone, and removes without asking.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMDomain.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMDomainCommand : DomainCmdlet
    {
        /// <summary>Remove without asking, and power off a running domain first.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => Force ? "Remove (power off and undefine)" : "Remove (undefine)";

        private protected override bool ConfirmDomain(VMDomain domain) => ShouldProcessUnlessForced(Describe(domain), Action, Force);

        private protected override void ProcessDomain(HostTarget host, VMDomain domain)
        {
            var driver = host.Connection.Driver;
            var current = driver.GetDomain(domain.ToIdentity(), Cancellation);
            if (current.IsActive && Force)
            {
                if (current.Persistent) driver.UndefineDomain(domain.ToIdentity(), Cancellation);
                driver.DestroyDomain(domain.ToIdentity(), Cancellation);
                return;
            }
            driver.UndefineDomain(domain.ToIdentity(), Cancellation);
            if (current.IsActive)
                WriteWarning($"Domain '{domain.Name}' is running: it stays running as a transient domain until it stops. Use -Force to power it off.");
        }
    }
}
