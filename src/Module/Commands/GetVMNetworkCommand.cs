using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Lists virtual networks of one or more hosts (virsh net-list --all), by name (wildcards) or UUID.</summary>
    [Cmdlet(VerbsCommon.Get, "VMNetwork", DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-VMNetwork.md")]
    [OutputType(typeof(VMNetwork))]
    public sealed class GetVMNetworkCommand : GetObjectCmdlet<VMNetwork, NetworkIdentity>
    {
        public GetVMNetworkCommand() : base(ObjectKinds.Network) { }

        [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        private protected override string[]? Names => Name;
    }
}
