using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Stops networks (virsh net-destroy): guests attached to it lose their connection; a transient network is gone afterwards.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "VMNetwork", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Stop-VMNetwork.md")]
    [OutputType(typeof(VMNetwork))]
    public sealed class StopVMNetworkCommand : NetworkCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Stop (destroy)";

        private protected override void ProcessObject(HostTarget host, VMNetwork network)
        {
            var current = Refresh(host, network);
            // libvirt's test driver lets an inactive network be destroyed silently; say so the same way on every host.
            if (!current.IsActive) { WriteWarning($"Network '{network.Name}' is not active."); if (PassThru) WriteObject(current); return; }
            Await(ct => Networks(host).DestroyAsync(network.ToIdentity(), ct));
            if (PassThru && current.Persistent) WriteObject(Refresh(host, network));
        }
    }
}
