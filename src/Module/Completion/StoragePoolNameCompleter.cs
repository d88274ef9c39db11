using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Completion
{
    /// <summary>Completes -Name (and -Pool) with the storage pool names of the host the command line targets (or the session's hosts).</summary>
    public sealed class StoragePoolNameCompleter : ObjectNameCompleter<VMStoragePool, StoragePoolIdentity>
    {
        public StoragePoolNameCompleter() : base(ObjectKinds.StoragePool) { }
    }
}
