using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote
{
    /// <summary>Virtual networks over the remote protocol (NETWORK_* procedures).</summary>
    internal sealed class RemoteNetworkDriver : INetworkDriver
    {
        private readonly RemoteDriver _driver;

        public RemoteNetworkDriver(RemoteDriver driver) { _driver = driver; }

        /// <summary>CONNECT_LIST_ALL_NETWORKS, then every network's facts at once.</summary>
        public async Task<IReadOnlyList<VMNetwork>> ListAsync(CancellationToken cancellationToken)
        {
            var all = await _driver.CallAsync(NetworkProcedures.ConnectListAllNetworks, 0u, cancellationToken).ConfigureAwait(false);
            return await Task.WhenAll(all.Select(n => GetAsync(n, cancellationToken))).ConfigureAwait(false);
        }

        public async Task<VMNetwork> LookupByNameAsync(string name, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(NetworkProcedures.NetworkLookupByName, name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task<VMNetwork> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(NetworkProcedures.NetworkLookupByUuid, uuid, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        /// <summary>LOOKUP_BY_UUID, IS_ACTIVE, IS_PERSISTENT, GET_AUTOSTART and GET_BRIDGE_NAME, sent together.</summary>
        public async Task<VMNetwork> GetAsync(NetworkIdentity network, CancellationToken cancellationToken)
        {
            var host = _driver.HostnameAsync(cancellationToken);
            var identity = _driver.CallAsync(NetworkProcedures.NetworkLookupByUuid, network.Uuid, cancellationToken);
            var active = _driver.CallAsync(NetworkProcedures.NetworkIsActive, network, cancellationToken);
            var persistent = _driver.CallAsync(NetworkProcedures.NetworkIsPersistent, network, cancellationToken);
            var autostart = _driver.CallAsync(NetworkProcedures.NetworkGetAutostart, network, cancellationToken);
            var bridge = _driver.CallAsync(NetworkProcedures.NetworkGetBridgeName, network, cancellationToken);
            var required = new Task[] { host, identity, active, persistent, autostart };
            try { await Task.WhenAll(required).ConfigureAwait(false); }
            catch (Exception) { RemoteTasks.Observe(required.Append(bridge).ToArray()); throw; }
            string? bridgeName = null;
            // A network with no bridge of its own (macvtap, hostdev forward modes) answers an error here.
            try { bridgeName = await bridge.ConfigureAwait(false); }
            catch (LibvirtException) { }
            return new VMNetwork
            {
                Name = identity.Result.Name,
                Uuid = identity.Result.Uuid,
                IsActive = active.Result,
                Persistent = persistent.Result,
                Autostart = autostart.Result,
                Bridge = string.IsNullOrEmpty(bridgeName) ? null : bridgeName,
                Host = host.Result,
                Uri = _driver.Uri.OriginalString,
            };
        }

        public async Task<VMNetwork> DefineAsync(string xml, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(NetworkProcedures.NetworkDefineXml, xml, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public Task UndefineAsync(NetworkIdentity network, CancellationToken cancellationToken) =>
            _driver.CallAsync(NetworkProcedures.NetworkUndefine, network, cancellationToken);

        public Task<string> GetXmlAsync(NetworkIdentity network, bool inactive, CancellationToken cancellationToken) =>
            _driver.CallAsync(NetworkProcedures.NetworkGetXmlDesc, (network, inactive ? 1u : 0u), cancellationToken);

        public Task StartAsync(NetworkIdentity network, CancellationToken cancellationToken) =>
            _driver.CallAsync(NetworkProcedures.NetworkCreate, network, cancellationToken);

        public async Task<VMNetwork> CreateAsync(string xml, CancellationToken cancellationToken) =>
            await GetAsync(await _driver.CallAsync(NetworkProcedures.NetworkCreateXml, xml, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public Task DestroyAsync(NetworkIdentity network, CancellationToken cancellationToken) =>
            _driver.CallAsync(NetworkProcedures.NetworkDestroy, network, cancellationToken);

        public Task SetAutostartAsync(NetworkIdentity network, bool autostart, CancellationToken cancellationToken) =>
            _driver.CallAsync(NetworkProcedures.NetworkSetAutostart, (network, autostart), cancellationToken);

        public Task UpdateAsync(NetworkIdentity network, NetworkUpdate update, CancellationToken cancellationToken) =>
            _driver.CallAsync(NetworkProcedures.NetworkUpdate, (network, update), cancellationToken);

        public async Task<IReadOnlyList<VMNetworkDhcpLease>> GetDhcpLeasesAsync(NetworkIdentity network, string? mac, CancellationToken cancellationToken)
        {
            var host = await _driver.HostnameAsync(cancellationToken).ConfigureAwait(false);
            var leases = await _driver.CallAsync(NetworkProcedures.NetworkGetDhcpLeases, (network, mac), cancellationToken).ConfigureAwait(false);
            return leases.Select(l => new VMNetworkDhcpLease
            {
                Network = network.Name,
                Interface = l.Interface,
                ExpiryTime = DateTimeOffset.FromUnixTimeSeconds(l.ExpiryTime),
                Protocol = l.Type == 1 ? "ipv6" : "ipv4",
                MacAddress = l.Mac,
                IPAddress = l.IPAddress,
                Prefix = (int)l.Prefix,
                Hostname = l.Hostname,
                ClientId = l.ClientId,
                Iaid = l.Iaid,
                Host = host,
                Uri = _driver.Uri.OriginalString,
            }).ToList();
        }
    }

    internal static class RemoteTasks
    {
        /// <summary>Marks faulted tasks as observed so an abandoned call does not surface as an unobserved exception.</summary>
        public static void Observe(params Task[] tasks)
        {
            foreach (var t in tasks) _ = t.ContinueWith(x => _ = x.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
