using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Lists the network adapters of domains (virsh domiflist, with the link state).</summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainNetworkAdapter", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainNetworkAdapter.md")]
    [OutputType(typeof(VMDomainNetworkAdapter))]
    public sealed class GetVMDomainNetworkAdapterCommand : DeviceCmdlet
    {
        [Parameter]
        public SwitchParameter Inactive { get; set; }

        protected override string Action => "Get network adapters";

        private protected override void ProcessObject(HostTarget host, VMDomain domain) =>
            WriteObject(Await(ct => Service(host).GetInterfacesAsync(domain, Inactive, ct)), true);
    }
}
