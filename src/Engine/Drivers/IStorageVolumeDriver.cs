using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>Storage volumes of a pool: list, look up, create (also from another volume), delete, resize, XML.</summary>
    public interface IStorageVolumeDriver
    {
        Task<IReadOnlyList<VMStorageVolume>> ListAsync(StoragePoolIdentity pool, CancellationToken cancellationToken);

        Task<VMStorageVolume> LookupByNameAsync(StoragePoolIdentity pool, string name, CancellationToken cancellationToken);

        Task<VMStorageVolume> GetAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken);

        Task<VMStorageVolume> CreateAsync(StoragePoolIdentity pool, string xml, CancellationToken cancellationToken);

        /// <summary>virStorageVolCreateXMLFrom: a new volume in <paramref name="pool"/> holding a copy of <paramref name="source"/>.</summary>
        Task<VMStorageVolume> CreateFromAsync(StoragePoolIdentity pool, string xml, StorageVolumeIdentity source, CancellationToken cancellationToken);

        Task DeleteAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken);

        /// <summary>virStorageVolResize with <paramref name="flags"/> (1 ALLOCATE, 2 DELTA, 4 SHRINK).</summary>
        Task ResizeAsync(StorageVolumeIdentity volume, ulong capacity, uint flags, CancellationToken cancellationToken);

        Task<string> GetXmlAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken);
    }
}
