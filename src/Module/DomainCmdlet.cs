using System;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of the cmdlets that act on domains: <see cref="ObjectCmdlet{TObject, TIdentity}"/> for the domain
    /// kind, with -Name (aliases DomainName, VMName; completed with the hosts' domain names) and -Domain.
    /// </summary>
    public abstract class DomainCmdlet : ObjectCmdlet<VMDomain, DomainIdentity>
    {
        private protected DomainCmdlet() : base(ObjectKinds.Domain) { }

        // Plain strings from the pipeline are names ('vm1','vm2' | Start-VMDomain); objects with a Name property bind by name.
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMDomain[] Domain { get; set; } = Array.Empty<VMDomain>();

        private protected override string[] Names => Name;

        private protected override VMDomain[] InputObjects => Domain;

        /// <summary>The domain driver of the host a domain is on.</summary>
        private protected static IDomainDriver Domains(HostTarget host) => host.Connection.Driver.Domains();
    }
}
