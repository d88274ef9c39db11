using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Connects or disconnects a network adapter's virtual link (virsh domif-setlink).</summary>
    [Cmdlet(VerbsCommon.Set, "VMDomainNetworkAdapter", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-VMDomainNetworkAdapter.md")]
    [OutputType(typeof(VMDomainNetworkAdapter))]
    public sealed class SetVMDomainNetworkAdapterCommand : DeviceChangeCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string MacAddress { get; set; } = "";

        /// <summary>$true: link up; $false: link down (the guest sees the cable pulled).</summary>
        [Parameter(Mandatory = true)]
        public bool Connected { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => $"Set link of {MacAddress} {(Connected ? "up" : "down")} ({ScopeText})";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var nic = Await(ct => Service(host).SetLinkAsync(domain, MacAddress, Connected, Scope, ct));
            if (PassThru) WriteObject(nic);
        }
    }
}
