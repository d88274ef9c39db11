using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Removes the network adapter with a MAC address from domains (virsh detach-interface --mac).</summary>
    [Cmdlet(VerbsCommon.Remove, "VMDomainNetworkAdapter", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMDomainNetworkAdapter.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMDomainNetworkAdapterCommand : DeviceChangeCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string MacAddress { get; set; } = "";

        protected override string Action => $"Remove network adapter {MacAddress} ({ScopeText})";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            if (!Await(ct => Service(host).RemoveInterfaceAsync(domain, MacAddress, Scope, ct)))
                WarnDetachPending($"network adapter {MacAddress}", domain.Name);
        }
    }
}
