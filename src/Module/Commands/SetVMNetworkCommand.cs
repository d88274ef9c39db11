using System.Management.Automation;
using System.Security;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Changes networks: -AutoStart (virsh net-autostart), and DHCP host entries live and in the definition
    /// (virsh net-update add/delete ip-dhcp-host --live --config): -AddDhcpHost / -RemoveDhcpHost with
    /// -MacAddress, -IPAddress and -HostName.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VMNetwork", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-VMNetwork.md")]
    [OutputType(typeof(VMNetwork))]
    public sealed class SetVMNetworkCommand : NetworkCmdlet
    {
        [Parameter]
        public bool AutoStart { get; set; }

        /// <summary>Adds a DHCP host entry (a fixed address for a MAC).</summary>
        [Parameter]
        public SwitchParameter AddDhcpHost { get; set; }

        /// <summary>Removes the DHCP host entry of -MacAddress (or -IPAddress).</summary>
        [Parameter]
        public SwitchParameter RemoveDhcpHost { get; set; }

        [Parameter]
        [ValidatePattern("^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")]
        public string? MacAddress { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public System.Net.IPAddress? IPAddress { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HostName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action =>
            AddDhcpHost ? $"Add DHCP host {MacAddress ?? HostName} {IPAddress}" : RemoveDhcpHost ? $"Remove DHCP host {MacAddress ?? IPAddress?.ToString()}" : "Set";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var bad = AddDhcpHost && RemoveDhcpHost ? "-AddDhcpHost and -RemoveDhcpHost cannot be used together"
                : AddDhcpHost && (IPAddress == null || (MacAddress == null && HostName == null)) ? "-AddDhcpHost needs -IPAddress and -MacAddress (or -HostName)"
                : RemoveDhcpHost && MacAddress == null && IPAddress == null ? "-RemoveDhcpHost needs -MacAddress or -IPAddress"
                : !AddDhcpHost && !RemoveDhcpHost && (MacAddress != null || IPAddress != null || HostName != null) ? "-MacAddress, -IPAddress and -HostName go with -AddDhcpHost or -RemoveDhcpHost"
                : !AddDhcpHost && !RemoveDhcpHost && !MyInvocation.BoundParameters.ContainsKey(nameof(AutoStart)) ? "nothing to change: give -AutoStart, -AddDhcpHost or -RemoveDhcpHost"
                : null;
            if (bad != null)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(bad), "InvalidNetworkChange", ErrorCategory.InvalidArgument, null));
        }

        private protected override void ProcessObject(HostTarget host, VMNetwork network)
        {
            var networks = Networks(host);
            var id = network.ToIdentity();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(AutoStart)))
                Await(ct => networks.SetAutostartAsync(id, AutoStart, ct));
            if (AddDhcpHost || RemoveDhcpHost)
            {
                var current = Refresh(host, network);
                // Live only on an active network; the definition only on a persistent one (libvirt refuses the others).
                var flags = (current.IsActive ? NetworkUpdate.AffectLive : 0) | (current.Persistent ? NetworkUpdate.AffectConfig : 0);
                var command = AddDhcpHost ? NetworkUpdateCommand.AddLast : NetworkUpdateCommand.Delete;
                var update = new NetworkUpdate(command, NetworkUpdateSection.IpDhcpHost, DhcpHostXml(), flags);
                Await(ct => networks.UpdateAsync(id, update, ct));
            }
            if (PassThru) WriteObject(Refresh(host, network));
        }

        private string DhcpHostXml()
        {
            var xml = "<host";
            if (MacAddress != null) xml += $" mac='{MacAddress.ToLowerInvariant()}'";
            if (HostName != null && AddDhcpHost) xml += $" name='{SecurityElement.Escape(HostName)}'";
            if (IPAddress != null) xml += $" ip='{IPAddress}'";
            return xml + "/>";
        }
    }
}
