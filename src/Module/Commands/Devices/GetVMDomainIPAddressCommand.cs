using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>
    /// The IP addresses of running domains (virsh domifaddr): from -Source, or from the DHCP leases, then the guest
    /// agent, then the host's ARP table, the first that knows any.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainIPAddress", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainIPAddress.md")]
    [OutputType(typeof(VMDomainIPAddress))]
    public sealed class GetVMDomainIPAddressCommand : DeviceCmdlet
    {
        [Parameter]
        public AddressSource? Source { get; set; }

        protected override string Action => "Get IP addresses";

        private protected override void ProcessObject(HostTarget host, VMDomain domain) =>
            WriteObject(Await(ct => Service(host).GetAddressesAsync(domain, Source, ct)), true);
    }
}
