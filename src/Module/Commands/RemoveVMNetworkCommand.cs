using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Removes network definitions (virsh net-undefine). An active network is refused unless -Force, which stops
    /// it first (and removes without asking).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VMNetwork", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMNetwork.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMNetworkCommand : NetworkCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => Force ? "Remove (stop and undefine)" : "Remove (undefine)";

        private protected override bool ConfirmObject(VMNetwork network) => ShouldProcessUnlessForced(Describe(network), Action, Force);

        private protected override void ProcessObject(HostTarget host, VMNetwork network)
        {
            var networks = Networks(host);
            var id = network.ToIdentity();
            var current = Refresh(host, network);
            if (current.IsActive && Force)
            {
                Await(ct => networks.DestroyAsync(id, ct));
                if (!current.Persistent) return;
            }
            Await(ct => networks.UndefineAsync(id, ct));
        }
    }
}
