using System;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>Base of the cmdlets that act on networks: -Name (alias NetworkName, completed) and -Network (alias InputObject).</summary>
    public abstract class NetworkCmdlet : ObjectCmdlet<VMNetwork, NetworkIdentity>
    {
        private protected NetworkCmdlet() : base(ObjectKinds.Network) { }

        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMNetwork[] Network { get; set; } = Array.Empty<VMNetwork>();

        private protected override string[] Names => Name;

        private protected override VMNetwork[] InputObjects => Network;

        private protected static INetworkDriver Networks(HostTarget host) => host.Connection.Driver.Networks();
    }
}
