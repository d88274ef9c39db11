using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of the volume cmdlets. Volumes live in pools and have no UUID, so they are chosen by -Pool (a name, on
    /// the hosts of -Uri/-Connection or the session) or -StoragePool (an object from Get-VMStoragePool) and -Name
    /// (wildcards), or come from the pipeline as objects (-Volume).
    /// </summary>
    public abstract class StorageVolumeCmdlet : LibvirtCmdlet
    {
        protected const string ByNameSet = "ByName";
        protected const string ByPoolSet = "ByPool";
        protected const string ByObjectSet = "ByObject";

        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PoolName")]
        [ArgumentCompleter(typeof(StoragePoolNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Pool { get; set; } = "";

        [Parameter(ParameterSetName = ByPoolSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public VMStoragePool? StoragePool { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The pool on each selected host: its driver connection and identity. A pool no host has is one NoStoragePool error.</summary>
        private protected IReadOnlyList<(HostTarget Host, StoragePoolIdentity Pool)> SelectPools()
        {
            if (ParameterSetName == ByPoolSet)
                return new[] { (Hosts.ForUri(StoragePool!.Uri, Cancellation), StoragePool.ToIdentity()) };
            var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
            var found = new List<(HostTarget, StoragePoolIdentity)>();
            foreach (var host in hosts)
            {
                try { found.Add((host, Await(ct => host.Connection.Driver.StoragePools().LookupByNameAsync(Pool, ct)).ToIdentity())); }
                catch (LibvirtException e) when (e.Code == ErrorCode.NoStoragePool) { }
            }
            if (found.Count == 0)
                throw ObjectKinds.StoragePool.NotFound($"named '{Pool}'", Pool, hosts.Select(h => h.Connection.Uri));
            return found;
        }

        /// <summary>Volumes of the selected pools by name: wildcards filter (and may match nothing), a plain name that no pool has is NoStorageVol.</summary>
        private protected IReadOnlyList<(HostTarget Host, VMStorageVolume Volume)> SelectVolumes(string[]? names)
        {
            var pools = SelectPools();
            var result = new List<(HostTarget, VMStorageVolume)>();
            if (names == null || names.Length == 0) names = new[] { "*" };
            foreach (var name in names)
            {
                var before = result.Count;
                foreach (var (host, pool) in pools)
                {
                    var volumes = host.Connection.Driver.StorageVolumes();
                    if (WildcardPattern.ContainsWildcardCharacters(name))
                    {
                        var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                        result.AddRange(Await(ct => volumes.ListAsync(pool, ct)).Where(v => pattern.IsMatch(v.Name)).Select(v => (host, v)));
                        continue;
                    }
                    try { result.Add((host, Await(ct => volumes.LookupByNameAsync(pool, name, ct)))); }
                    catch (LibvirtException e) when (e.Code == ErrorCode.NoStorageVol) { }
                }
                if (result.Count == before && !WildcardPattern.ContainsWildcardCharacters(name))
                    WriteFailure(new LibvirtException(ErrorCode.NoStorageVol, ErrorDomain.Storage,
                        $"No storage volume named '{name}' was found in pool '{pools[0].Pool.Name}' on {string.Join(", ", pools.Select(p => p.Host.Connection.Uri))}.") { Target = name }, name);
            }
            return result;
        }

        internal IReadOnlyList<(HostTarget Host, VMStorageVolume Volume)> SelectVolumesFor(string[] names) => SelectVolumes(names);

        internal System.Threading.CancellationToken CancellationToken => Cancellation;

        /// <summary>"name in pool on host (uri)", the target text of ShouldProcess.</summary>
        internal static string Describe(VMStorageVolume v) => $"{v.Name} in pool {v.Pool} on {v.Host} ({v.Uri})";

        private protected static IStorageVolumeDriver Volumes(HostTarget host) => host.Connection.Driver.StorageVolumes();
    }
}
