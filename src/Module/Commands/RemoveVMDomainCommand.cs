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

        private protected override bool ConfirmObject(VMDomain domain) => ShouldProcessUnlessForced(Describe(domain), Action, Force);

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var domains = Domains(host);
            var id = domain.ToIdentity();
            var current = Refresh(host, domain);
            if (current.IsActive && Force)
            {
                if (current.Persistent) Await(ct => domains.UndefineAsync(id, ct));
                Await(ct => domains.DestroyAsync(id, ct));
                return;
            }
            Await(ct => domains.UndefineAsync(id, ct));
            if (current.IsActive)
                WriteWarning($"Domain '{domain.Name}' is running: it stays running as a transient domain until it stops. Use -Force to power it off.");
        }
    }
}
