using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>Virtual networks: the shared object and lifecycle shapes plus autostart, live updates and leases.</summary>
    public interface INetworkDriver : IObjectDriver<VMNetwork, NetworkIdentity>, ILifecycleDriver<VMNetwork, NetworkIdentity>
    {
        Task SetAutostartAsync(NetworkIdentity network, bool autostart, CancellationToken cancellationToken);

        /// <summary>virNetworkUpdate: one command (add, delete, modify) on one section of the definition.</summary>
        Task UpdateAsync(NetworkIdentity network, NetworkUpdate update, CancellationToken cancellationToken);

        /// <summary>The network's DHCP leases, or only those of <paramref name="mac"/>.</summary>
        Task<IReadOnlyList<VMNetworkDhcpLease>> GetDhcpLeasesAsync(NetworkIdentity network, string? mac, CancellationToken cancellationToken);
    }
}
