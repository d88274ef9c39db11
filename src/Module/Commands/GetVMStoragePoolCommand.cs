using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Lists storage pools of one or more hosts (virsh pool-list --all --details), by name (wildcards) or UUID.</summary>
    [Cmdlet(VerbsCommon.Get, "VMStoragePool", DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-VMStoragePool.md")]
    [OutputType(typeof(VMStoragePool))]
    public sealed class GetVMStoragePoolCommand : GetObjectCmdlet<VMStoragePool, StoragePoolIdentity>
    {
        public GetVMStoragePoolCommand() : base(ObjectKinds.StoragePool) { }

        [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PoolName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(StoragePoolNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        private protected override string[]? Names => Name;
    }
}
