using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Lists domains of one or more hosts, by name (wildcards), id or UUID, optionally by state. Hosts come from
    /// -Uri, -Connection or the pipeline (Get-VMHost | Get-VMDomain), else from the session.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VMDomain", DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class GetVMDomainCommand : GetObjectCmdlet<VMDomain, DomainIdentity>
    {
        private const string ByIdSet = "ById";

        public GetVMDomainCommand() : base(ObjectKinds.Domain) { }

        [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true)]
        public int[] Id { get; set; } = Array.Empty<int>();

        /// <summary>Only domains in these states.</summary>
        [Parameter]
        public DomainState[]? State { get; set; }

        private protected override string[]? Names => Name;

        private protected override bool Include(VMDomain domain) => State == null || State.Contains(domain.State);

        private protected override bool ProcessOwnSet(IReadOnlyList<HostTarget> hosts)
        {
            if (ParameterSetName != ByIdSet) return false;
            foreach (var id in Id)
            {
                var text = id.ToString(CultureInfo.InvariantCulture);
                Lookup(hosts, text, $"with id {text}", (d, ct) => d.Domains().LookupByIdAsync(id, ct));
            }
            return true;
        }
    }
}
