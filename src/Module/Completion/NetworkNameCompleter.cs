using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Completion
{
    /// <summary>Completes -Name with the network names of the host the command line targets (or the session's hosts).</summary>
    public sealed class NetworkNameCompleter : ObjectNameCompleter<VMNetwork, NetworkIdentity>
    {
        public NetworkNameCompleter() : base(ObjectKinds.Network) { }
    }
}
