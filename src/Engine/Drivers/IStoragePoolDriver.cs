using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>Storage pools: the shared object and lifecycle shapes plus autostart, build, refresh and delete.</summary>
    public interface IStoragePoolDriver : IObjectDriver<VMStoragePool, StoragePoolIdentity>, ILifecycleDriver<VMStoragePool, StoragePoolIdentity>
    {
        Task SetAutostartAsync(StoragePoolIdentity pool, bool autostart, CancellationToken cancellationToken);

        /// <summary>virStoragePoolBuild: makes the pool's target (a dir pool's directory).</summary>
        Task BuildAsync(StoragePoolIdentity pool, CancellationToken cancellationToken);

        /// <summary>virStoragePoolRefresh: rescans the pool's volumes.</summary>
        Task RefreshAsync(StoragePoolIdentity pool, CancellationToken cancellationToken);

        /// <summary>virStoragePoolDelete: removes the pool's target (a dir pool's empty directory).</summary>
        Task DeleteAsync(StoragePoolIdentity pool, CancellationToken cancellationToken);
    }
}
