using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Starts defined networks (virsh net-start); a network that is active already gets a warning, not an error.</summary>
    [Cmdlet(VerbsLifecycle.Start, "VMNetwork", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Start-VMNetwork.md")]
    [OutputType(typeof(VMNetwork))]
    public sealed class StartVMNetworkCommand : NetworkCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Start";

        private protected override void ProcessObject(HostTarget host, VMNetwork network)
        {
            ChangeState(host, network, ct => Networks(host).StartAsync(network.ToIdentity(), ct), n => n.IsActive, "is already active");
            if (PassThru) WriteObject(Refresh(host, network));
        }
    }
}
