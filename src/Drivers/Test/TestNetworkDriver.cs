using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Test
{
    /// <summary>Networks of the embedded test hypervisor, with libvirt's test-driver semantics (checked against virsh on test:///default).</summary>
    internal sealed class TestNetworkDriver : INetworkDriver
    {
        private readonly TestDriver _driver;
        private readonly TestHost _host;

        public TestNetworkDriver(TestDriver driver, TestHost host)
        {
            _driver = driver;
            _host = host;
        }

        private VMNetwork Model(TestNetwork n) => n.ToModel(_host.Hostname, _driver.UriText);

        public Task<IReadOnlyList<VMNetwork>> ListAsync(CancellationToken cancellationToken) => TestDriver.AsTask<IReadOnlyList<VMNetwork>>(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync) return _host.Networks.Select(Model).ToList();
        });

        public Task<VMNetwork> LookupByNameAsync(string name, CancellationToken cancellationToken) =>
            Read(() => _host.Networks.FirstOrDefault(n => n.Name == name) ?? throw NotFound($"no network with matching name '{name}'", name));

        public Task<VMNetwork> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken) =>
            Read(() => ByUuid(uuid));

        public Task<VMNetwork> GetAsync(NetworkIdentity network, CancellationToken cancellationToken) => Read(() => ByUuid(network.Uuid));

        public Task<VMNetwork> DefineAsync(string xml, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virNetworkDefineXML");
            var def = TestNetwork.Parse(xml);
            lock (_host.Sync)
            {
                var net = Clash(def);
                if (net != null) net.Definition = def;
                else _host.Networks.Add(net = new TestNetwork(def));
                net.Persistent = true;
                return Model(net);
            }
        });

        public Task<VMNetwork> CreateAsync(string xml, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable("virNetworkCreateXML");
            var def = TestNetwork.Parse(xml);
            lock (_host.Sync)
            {
                var existing = Clash(def);
                if (existing != null)
                    throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Network, $"operation failed: network '{existing.Name}' already exists with uuid {existing.Uuid}") { Target = existing.Name };
                var net = new TestNetwork(def) { Active = true };
                _host.Networks.Add(net);
                return Model(net);
            }
        });

        public Task UndefineAsync(NetworkIdentity network, CancellationToken cancellationToken) => Change("virNetworkUndefine", network, n =>
        {
            if (n.Active) throw LibvirtException.OperationInvalid($"Network '{n.Name}' is still running", ErrorDomain.Test, n.Name);
            _host.Networks.Remove(n);
        });

        public Task<string> GetXmlAsync(NetworkIdentity network, bool inactive, CancellationToken cancellationToken) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync) return ByUuid(network.Uuid).Definition.ToString() + "\n";
        });

        public Task StartAsync(NetworkIdentity network, CancellationToken cancellationToken) => Change("virNetworkCreate", network, n =>
        {
            if (n.Active) throw LibvirtException.OperationInvalid($"Network '{n.Name}' is already running", ErrorDomain.Test, n.Name);
            n.Active = true;
        });

        /// <summary>libvirt's test driver lets an inactive network be destroyed without complaint; a transient one is gone afterwards.</summary>
        public Task DestroyAsync(NetworkIdentity network, CancellationToken cancellationToken) => Change("virNetworkDestroy", network, n =>
        {
            n.Active = false;
            if (!n.Persistent) _host.Networks.Remove(n);
        });

        public Task SetAutostartAsync(NetworkIdentity network, bool autostart, CancellationToken cancellationToken) =>
            Change("virNetworkSetAutostart", network, n => n.Autostart = autostart);

        public Task UpdateAsync(NetworkIdentity network, NetworkUpdate update, CancellationToken cancellationToken) => Change("virNetworkUpdate", network, n =>
        {
            if (update.Section != NetworkUpdateSection.IpDhcpHost)
                throw LibvirtException.NoSupport($"the embedded test hypervisor updates only the ip-dhcp-host section (asked: {update.Section})", ErrorDomain.Network);
            n.UpdateDhcpHost(update.Command, update.Xml);
        });

        /// <summary>libvirt's test driver has no leases call: NoSupport, as virsh net-dhcp-leases shows on test:///default.</summary>
        public Task<IReadOnlyList<VMNetworkDhcpLease>> GetDhcpLeasesAsync(NetworkIdentity network, string? mac, CancellationToken cancellationToken) =>
            TestDriver.AsTask<IReadOnlyList<VMNetworkDhcpLease>>(() =>
            {
                _driver.CheckOpen();
                throw LibvirtException.NoSupport("virNetworkGetDHCPLeases", ErrorDomain.Network);
            });

        private TestNetwork ByUuid(Guid uuid) =>
            _host.Networks.FirstOrDefault(n => n.Uuid == uuid) ?? throw NotFound($"no network with matching uuid '{uuid}'", uuid.ToString());

        /// <summary>The network a new definition replaces (same name and UUID), or null; same name with another UUID fails as libvirt does.</summary>
        private TestNetwork? Clash(System.Xml.Linq.XElement def)
        {
            var name = def.Element("name")!.Value;
            var uuid = Guid.Parse(def.Element("uuid")!.Value);
            var byName = _host.Networks.FirstOrDefault(n => n.Name == name);
            if (byName != null && byName.Uuid != uuid)
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Network, $"operation failed: network '{name}' already exists with uuid {byName.Uuid}") { Target = name };
            var byUuid = _host.Networks.FirstOrDefault(n => n.Uuid == uuid);
            if (byUuid != null && byUuid.Name != name)
                throw new LibvirtException(ErrorCode.OperationFailed, ErrorDomain.Network, $"operation failed: network '{byUuid.Name}' is already defined with uuid {uuid}") { Target = name };
            return byName;
        }

        private static LibvirtException NotFound(string what, string target) =>
            new LibvirtException(ErrorCode.NoNetwork, ErrorDomain.Network, "Network not found: " + what) { Target = target };

        private Task<VMNetwork> Read(Func<TestNetwork> find) => TestDriver.AsTask(() =>
        {
            _driver.CheckOpen();
            lock (_host.Sync) return Model(find());
        });

        private Task Change(string api, NetworkIdentity network, Action<TestNetwork> action) => TestDriver.AsTask(() =>
        {
            _driver.CheckWritable(api);
            lock (_host.Sync) action(ByUuid(network.Uuid));
        });
    }
}
