using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Remote
{
    /// <summary>Storage pools and their volumes over the remote protocol (STORAGE_POOL_*, STORAGE_VOL_* procedures).</summary>
    internal sealed class RemoteStorageDriver : IStoragePoolDriver, IStorageVolumeDriver
    {
        private readonly RemoteDriver _driver;

        public RemoteStorageDriver(RemoteDriver driver) { _driver = driver; }

        private string UriText => _driver.Uri.OriginalString;

        // ---- pools ----

        public async Task<IReadOnlyList<VMStoragePool>> ListAsync(CancellationToken cancellationToken)
        {
            var all = await _driver.CallAsync(StorageProcedures.ConnectListAllStoragePools, 0u, cancellationToken).ConfigureAwait(false);
            return await Task.WhenAll(all.Select(p => GetAsync(p, cancellationToken))).ConfigureAwait(false);
        }

        public async Task<VMStoragePool> LookupByNameAsync(string name, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StoragePoolLookupByName, name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task<VMStoragePool> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StoragePoolLookupByUuid, uuid, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        /// <summary>LOOKUP_BY_UUID, GET_INFO, GET_AUTOSTART, IS_PERSISTENT and GET_XML_DESC (type, target path), sent together.</summary>
        public async Task<VMStoragePool> GetAsync(StoragePoolIdentity pool, CancellationToken cancellationToken)
        {
            var host = _driver.HostnameAsync(cancellationToken);
            var identity = _driver.CallAsync(StorageProcedures.StoragePoolLookupByUuid, pool.Uuid, cancellationToken);
            var info = _driver.CallAsync(StorageProcedures.StoragePoolGetInfo, pool, cancellationToken);
            var autostart = _driver.CallAsync(StorageProcedures.StoragePoolGetAutostart, pool, cancellationToken);
            var persistent = _driver.CallAsync(StorageProcedures.StoragePoolIsPersistent, pool, cancellationToken);
            var xml = _driver.CallAsync(StorageProcedures.StoragePoolGetXmlDesc, (pool, 0u), cancellationToken);
            var all = new Task[] { host, identity, info, autostart, persistent, xml };
            try { await Task.WhenAll(all).ConfigureAwait(false); }
            catch (Exception) { RemoteTasks.Observe(all); throw; }
            var (type, path) = StorageXml.PoolTypeAndPath(xml.Result);
            return new VMStoragePool
            {
                Name = identity.Result.Name,
                Uuid = identity.Result.Uuid,
                State = info.Result.State,
                Capacity = info.Result.Capacity,
                Allocation = info.Result.Allocation,
                Available = info.Result.Available,
                Autostart = autostart.Result,
                Persistent = persistent.Result,
                Type = type,
                Path = path,
                Host = host.Result,
                Uri = UriText,
            };
        }

        public async Task<VMStoragePool> DefineAsync(string xml, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StoragePoolDefineXml, (xml, 0u), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public Task UndefineAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolUndefine, pool, cancellationToken);

        public Task<string> GetXmlAsync(StoragePoolIdentity pool, bool inactive, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolGetXmlDesc, (pool, inactive ? 1u : 0u), cancellationToken);

        public Task StartAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolCreate, (pool, 0u), cancellationToken);

        public async Task<VMStoragePool> CreateAsync(string xml, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StoragePoolCreateXml, (xml, 0u), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public Task DestroyAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolDestroy, pool, cancellationToken);

        public Task SetAutostartAsync(StoragePoolIdentity pool, bool autostart, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolSetAutostart, (pool, autostart), cancellationToken);

        public Task BuildAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolBuild, (pool, 0u), cancellationToken);

        public Task RefreshAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolRefresh, (pool, 0u), cancellationToken);

        public Task DeleteAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StoragePoolDelete, (pool, 0u), cancellationToken);

        // ---- volumes ----

        public async Task<IReadOnlyList<VMStorageVolume>> ListAsync(StoragePoolIdentity pool, CancellationToken cancellationToken)
        {
            var all = await _driver.CallAsync(StorageProcedures.StoragePoolListAllVolumes, pool, cancellationToken).ConfigureAwait(false);
            return await Task.WhenAll(all.Select(v => GetAsync(v, cancellationToken))).ConfigureAwait(false);
        }

        public async Task<VMStorageVolume> LookupByNameAsync(StoragePoolIdentity pool, string name, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StorageVolLookupByName, (pool, name), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        /// <summary>GET_INFO, GET_PATH and GET_XML_DESC (format, backing store), sent together.</summary>
        public async Task<VMStorageVolume> GetAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken)
        {
            var host = _driver.HostnameAsync(cancellationToken);
            var info = _driver.CallAsync(StorageProcedures.StorageVolGetInfo, volume, cancellationToken);
            var path = _driver.CallAsync(StorageProcedures.StorageVolGetPath, volume, cancellationToken);
            var xml = _driver.CallAsync(StorageProcedures.StorageVolGetXmlDesc, (volume, 0u), cancellationToken);
            var all = new Task[] { host, info, path, xml };
            try { await Task.WhenAll(all).ConfigureAwait(false); }
            catch (Exception) { RemoteTasks.Observe(all); throw; }
            var (format, backing) = StorageXml.VolumeFormatAndBacking(xml.Result);
            return new VMStorageVolume
            {
                Name = volume.Name,
                Pool = volume.Pool,
                Key = volume.Key,
                Path = path.Result,
                Type = info.Result.Type,
                Capacity = info.Result.Capacity,
                Allocation = info.Result.Allocation,
                Format = format,
                BackingStore = backing,
                Host = host.Result,
                Uri = UriText,
            };
        }

        public async Task<VMStorageVolume> CreateAsync(StoragePoolIdentity pool, string xml, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StorageVolCreateXml, (pool, xml, 0u), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task<VMStorageVolume> CreateFromAsync(StoragePoolIdentity pool, string xml, StorageVolumeIdentity source, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(StorageProcedures.StorageVolCreateXmlFrom, (pool, xml, source, 0u), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public Task DeleteAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StorageVolDelete, (volume, 0u), cancellationToken);

        public Task ResizeAsync(StorageVolumeIdentity volume, ulong capacity, uint flags, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StorageVolResize, (volume, capacity, flags), cancellationToken);

        public Task<string> GetXmlAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken) =>
            _driver.CallAsync(StorageProcedures.StorageVolGetXmlDesc, (volume, 0u), cancellationToken);
    }
}
