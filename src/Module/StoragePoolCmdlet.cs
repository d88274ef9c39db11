using System;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>Base of the cmdlets that act on storage pools: -Name (alias PoolName, completed) and -StoragePool (alias InputObject).</summary>
    public abstract class StoragePoolCmdlet : ObjectCmdlet<VMStoragePool, StoragePoolIdentity>
    {
        private protected StoragePoolCmdlet() : base(ObjectKinds.StoragePool) { }

        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PoolName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(StoragePoolNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMStoragePool[] StoragePool { get; set; } = Array.Empty<VMStoragePool>();

        private protected override string[] Names => Name;

        private protected override VMStoragePool[] InputObjects => StoragePool;

        private protected static IStoragePoolDriver Pools(HostTarget host) => host.Connection.Driver.StoragePools();
    }
}
