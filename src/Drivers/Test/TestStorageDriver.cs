using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Storage pools and volumes of the embedded test hypervisor, with libvirt's test-driver semantics (checked
    /// against virsh and python3-libvirt on test:///default): pools of 100 GiB, volumes in memory only, no resize.
    /// </summary>
    internal sealed class TestStorageDriver : IStoragePoolDriver, IStorageVolumeDriver
    {
        private readonly TestDriver _driver;
        private readonly TestHost _host;

        public TestStorageDriver(TestDriver driver, TestHost host)
        {
            _driver = driver;
            _host = host;
        }

        private VMStoragePool Model(TestStoragePool p) => p.ToModel(_host.Hostname, _driver.UriText);

        private VMStorageVolume Model(TestStoragePool p, TestVolume v) => v.ToModel(p, _host.Hostname, _driver.UriText);

        // ---- pools ----

        public Task<IReadOnlyList<VMStoragePool>> ListAsync(CancellationToken cancellationToken) => TestDriver.AsTask<IReadOnlyList<VMStoragePool>>(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync) return _host.Pools.Select(Model).ToList();
        });

        public Task<VMStoragePool> LookupByNameAsync(string name, CancellationToken cancellationToken) => Read(() => PoolByName(name));

        public Task<VMStoragePool> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken) => Read(() => PoolByUuid(uuid));

        public Task<VMStoragePool> GetAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Read(() => PoolByUuid(pool.Uuid));

        public Task<VMStoragePool> DefineAsync(string xml, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virStoragePoolDefineXML");
            var def = TestStoragePool.Parse(xml);
            lock (_host.Sync)
            {
                var pool = Clash(def);
                if (pool != null) pool.Definition = def;
                else _host.Pools.Add(pool = new TestStoragePool(def));
                pool.Persistent = true;
                return Model(pool);
            }
        });

        public Task<VMStoragePool> CreateAsync(string xml, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virStoragePoolCreateXML");
            var def = TestStoragePool.Parse(xml);
            lock (_host.Sync)
            {
                var existing = Clash(def);
                if (existing != null)
                    throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Storage, $"operation failed: pool '{existing.Name}' already exists with uuid {existing.Uuid}") { Target = existing.Name };
                var pool = new TestStoragePool(def) { Active = true };
                _host.Pools.Add(pool);
                return Model(pool);
            }
        });

        public Task UndefineAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Change("virStoragePoolUndefine", pool, p =>
        {
            RequireInactive(p);
            _host.Pools.Remove(p);
        });

        public Task<string> GetXmlAsync(StoragePoolIdentity pool, bool inactive, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync) return PoolByUuid(pool.Uuid).ToXml();
        });

        public Task StartAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Change("virStoragePoolCreate", pool, p =>
        {
            RequireInactive(p);
            p.Active = true;
        });

        public Task DestroyAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Change("virStoragePoolDestroy", pool, p =>
        {
            p.RequireActive();
            p.Active = false;
            if (!p.Persistent) _host.Pools.Remove(p);
        });

        public Task SetAutostartAsync(StoragePoolIdentity pool, bool autostart, CancellationToken cancellationToken) => Change("virStoragePoolSetAutostart", pool, p =>
        {
            if (!p.Persistent) throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Test, "Requested operation is not valid: cannot set autostart for transient pool") { Target = p.Name };
            p.Autostart = autostart;
        });

        /// <summary>The test driver builds nothing, but refuses an active pool as libvirt does.</summary>
        public Task BuildAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Change("virStoragePoolBuild", pool, RequireInactive);

        public Task RefreshAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Change("virStoragePoolRefresh", pool, p => p.RequireActive());

        public Task DeleteAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => Change("virStoragePoolDelete", pool, RequireInactive);

        // ---- volumes ----

        public Task<IReadOnlyList<VMStorageVolume>> ListAsync(StoragePoolIdentity pool, CancellationToken cancellationToken) => TestDriver.AsTask<IReadOnlyList<VMStorageVolume>>(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync)
            {
                var p = PoolByUuid(pool.Uuid);
                if (!p.Active) throw LibvirtException.OperationInvalid("storage pool is not active", ErrorDomain.Test, p.Name);
                return p.Volumes.Select(v => Model(p, v)).ToList();
            }
        });

        public Task<VMStorageVolume> LookupByNameAsync(StoragePoolIdentity pool, string name, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync)
            {
                var p = ActivePool(pool);
                return Model(p, Volume(p, name));
            }
        });

        public Task<VMStorageVolume> GetAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync)
            {
                var p = ActivePool(volume.Pool);
                return Model(p, Volume(p, volume.Name));
            }
        });

        public Task<VMStorageVolume> CreateAsync(StoragePoolIdentity pool, string xml, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virStorageVolCreateXML");
            lock (_host.Sync)
            {
                var p = ActivePool(pool);
                return Model(p, Add(p, TestVolume.Parse(xml, p)));
            }
        });

        /// <summary>As libvirt's test driver: the new volume takes the definition's capacity, and its allocation is that capacity.</summary>
        public Task<VMStorageVolume> CreateFromAsync(StoragePoolIdentity pool, string xml, StorageVolumeIdentity source, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virStorageVolCreateXMLFrom");
            lock (_host.Sync)
            {
                var p = ActivePool(pool);
                var sourcePool = ActivePool(source.Pool);
                Volume(sourcePool, source.Name);
                var vol = TestVolume.Parse(xml, p);
                vol.Allocation = vol.Capacity;
                return Model(p, Add(p, vol));
            }
        });

        public Task DeleteAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virStorageVolDelete");
            lock (_host.Sync)
            {
                var p = ActivePool(volume.Pool);
                p.Volumes.Remove(Volume(p, volume.Name));
            }
        });

        /// <summary>libvirt's test driver has no resize: NoSupport, as python3-libvirt shows on test:///default.</summary>
        public Task ResizeAsync(StorageVolumeIdentity volume, ulong capacity, uint flags, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virStorageVolResize");
            throw LibvirtException.NoSupport("virStorageVolResize", ErrorDomain.Storage);
        });

        public Task<string> GetXmlAsync(StorageVolumeIdentity volume, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync)
            {
                var p = ActivePool(volume.Pool);
                return Volume(p, volume.Name).ToXml();
            }
        });

        private static TestVolume Add(TestStoragePool p, TestVolume vol)
        {
            if (p.Volumes.Any(v => v.Name == vol.Name))
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Test, "operation failed: storage vol already exists") { Target = vol.Name };
            if (vol.Allocation > TestStoragePool.PoolCapacity - p.Allocation)
                throw new LibvirtException(ErrorCode.InternalError, ErrorDomain.Test, $"internal error: Not enough free space in pool for volume '{vol.Name}'") { Target = vol.Name };
            p.Volumes.Add(vol);
            return vol;
        }

        private TestStoragePool ActivePool(StoragePoolIdentity pool)
        {
            var p = PoolByUuid(pool.Uuid);
            p.RequireActive();
            return p;
        }

        private TestStoragePool ActivePool(string name)
        {
            var p = PoolByName(name);
            p.RequireActive();
            return p;
        }

        private static TestVolume Volume(TestStoragePool p, string name) =>
            p.Volumes.FirstOrDefault(v => v.Name == name)
            ?? throw new LibvirtException(ErrorCode.NoStorageVol, ErrorDomain.Test, $"Storage volume not found: no storage vol with matching name '{name}'") { Target = name };

        private TestStoragePool PoolByName(string name) =>
            _host.Pools.FirstOrDefault(p => p.Name == name) ?? throw NotFound($"no storage pool with matching name '{name}'", name);

        private TestStoragePool PoolByUuid(Guid uuid) =>
            _host.Pools.FirstOrDefault(p => p.Uuid == uuid) ?? throw NotFound($"no storage pool with matching uuid '{uuid}'", uuid.ToString());

        private static void RequireInactive(TestStoragePool p)
        {
            if (p.Active) throw LibvirtException.OperationInvalid($"storage pool '{p.Name}' is active", ErrorDomain.Test, p.Name);
        }

        private TestStoragePool? Clash(XElement def)
        {
            var name = def.Element("name")!.Value;
            var uuid = Guid.Parse(def.Element("uuid")!.Value);
            var byName = _host.Pools.FirstOrDefault(p => p.Name == name);
            if (byName != null && byName.Uuid != uuid)
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Storage, $"operation failed: pool '{name}' already exists with uuid {byName.Uuid}") { Target = name };
            var byUuid = _host.Pools.FirstOrDefault(p => p.Uuid == uuid);
            if (byUuid != null && byUuid.Name != name)
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Storage, $"operation failed: pool '{byUuid.Name}' is already defined with uuid {uuid}") { Target = name };
            return byName;
        }

        private static LibvirtException NotFound(string what, string target) =>
            new LibvirtException(ErrorCode.NoStoragePool, ErrorDomain.Storage, "Storage pool not found: " + what) { Target = target };

        private Task<VMStoragePool> Read(Func<TestStoragePool> find) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync) return Model(find());
        });

        private Task Change(string api, StoragePoolIdentity pool, Action<TestStoragePool> action) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable(api);
            lock (_host.Sync) action(PoolByUuid(pool.Uuid));
        });
    }
}
