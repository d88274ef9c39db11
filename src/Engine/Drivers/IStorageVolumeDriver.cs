using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;

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

        /// <summary>
        /// virStorageVolUpload: a stream to which the caller writes the volume's new content from
        /// <paramref name="offset"/> (<paramref name="length"/> 0: to the end); with <paramref name="sparse"/> holes may be sent.
        /// The caller owns the stream and must finish or dispose it.
        /// </summary>
        Task<IDataStream> UploadAsync(StorageVolumeIdentity volume, ulong offset, ulong length, bool sparse, CancellationToken cancellationToken);

        /// <summary>virStorageVolDownload: a stream of the volume's content (holes too with <paramref name="sparse"/>).</summary>
        Task<IDataStream> DownloadAsync(StorageVolumeIdentity volume, ulong offset, ulong length, bool sparse, CancellationToken cancellationToken);
    }
}
