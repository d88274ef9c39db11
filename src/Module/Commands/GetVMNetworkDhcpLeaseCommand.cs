using System;
using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Lists the DHCP leases of networks (virsh net-dhcp-leases), optionally only those of one MAC address.</summary>
    [Cmdlet(VerbsCommon.Get, "VMNetworkDhcpLease", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMNetworkDhcpLease.md")]
    [OutputType(typeof(VMNetworkDhcpLease))]
    public sealed class GetVMNetworkDhcpLeaseCommand : NetworkCmdlet
    {
        [Parameter]
        [ValidatePattern("^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")]
        public string? MacAddress { get; set; }

        protected override string Action => "Get DHCP leases";

        // Reading changes nothing: no ShouldProcess.
        private protected override bool ConfirmObject(VMNetwork network) => true;

        private protected override void ProcessObject(HostTarget host, VMNetwork network)
        {
            var mac = MacAddress?.ToLowerInvariant();
            foreach (var lease in Await(ct => Networks(host).GetDhcpLeasesAsync(network.ToIdentity(), mac, ct)))
                WriteObject(lease);
        }
    }
}
