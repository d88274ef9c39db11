using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Keys;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Presses keys together on a running domain's keyboard and releases them (virsh send-key):
    /// Send-VMDomainKey web1 ctrl,alt,delete. Names are keys of the linux codeset; numbers go in any codeset.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "VMDomainKey", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Send-VMDomainKey.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class SendVMDomainKeyCommand : DomainCmdlet
    {
        private uint[] _codes = new uint[0];

        /// <summary>Up to 16 keys pressed at once: names ('ctrl', 'alt', 'delete', 'f2', 'KEY_A') or numbers of -Codeset.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Key { get; set; } = new string[0];

        /// <summary>How the key numbers are meant (libvirt's codesets); names need Linux, the default.</summary>
        [Parameter]
        public KeyCodeset Codeset { get; set; } = KeyCodeset.Linux;

        /// <summary>How long the keys are held, in milliseconds (0: the hypervisor's default).</summary>
        [Parameter]
        public uint HoldTimeMs { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Send keys " + string.Join("+", Key);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Bad keys are refused before any domain is touched.
            try { _codes = LinuxKeys.Parse(Key, Codeset == KeyCodeset.Linux); }
            catch (Engine.Errors.LibvirtException e) { ThrowFailure(e, Key); }
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            Await(ct => host.Connection.Driver.Consoles().SendKeyAsync(domain.ToIdentity(), Codeset, HoldTimeMs, _codes, ct));
            if (PassThru) WriteObject(Refresh(host, domain));
        }
    }
}
