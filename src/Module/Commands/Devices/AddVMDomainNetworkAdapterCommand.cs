using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Adds a network adapter on a libvirt network or a host bridge (virsh attach-interface).</summary>
    [Cmdlet(VerbsCommon.Add, "VMDomainNetworkAdapter", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Add-VMDomainNetworkAdapter.md")]
    [OutputType(typeof(VMDomainNetworkAdapter))]
    public sealed class AddVMDomainNetworkAdapterCommand : DeviceChangeCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Network { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Bridge { get; set; }

        /// <summary>The MAC address; a new one in libvirt's 52:54:00 range when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MacAddress { get; set; }

        [Parameter]
        [ValidateSet("virtio", "e1000", "e1000e", "rtl8139", "vmxnet3")]
        public string? Model { get; set; }

        /// <summary>Whether the link starts up ($true, the default) or down.</summary>
        [Parameter]
        public bool Connected { get; set; } = true;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => $"Add network adapter on {(Network != null ? "network " + Network : "bridge " + Bridge)} ({ScopeText})";

        protected override void BeginProcessing()
        {
            if ((Network == null) == (Bridge == null))
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Give either -Network or -Bridge."), "NetworkOrBridge", ErrorCategory.InvalidArgument, null));
            if (MacAddress != null)
            {
                try { MacAddress = Engine.Devices.MacAddress.Normalize(MacAddress); }
                catch (System.ArgumentException e) { ThrowTerminatingError(new ErrorRecord(e, "InvalidMacAddress", ErrorCategory.InvalidArgument, MacAddress)); }
            }
            base.BeginProcessing();
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var nic = Await(ct => Service(host).AddInterfaceAsync(domain, Network, Bridge, MacAddress, Model, Connected, Scope, ct));
            if (PassThru) WriteObject(nic);
        }
    }
}
