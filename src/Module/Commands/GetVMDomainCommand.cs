using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Lists domains of one or more hosts, by name (wildcards), id or UUID, optionally by state. Hosts come from
    /// -Uri, -Connection or the pipeline (Get-VMHost | Get-VMDomain), else from the session.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VMDomain", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(VMDomain))]
    public sealed class GetVMDomainCommand : LibvirtCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByIdSet = "ById";
        private const string ByUuidSet = "ByUuid";

        [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true)]
        public int[] Id { get; set; } = Array.Empty<int>();

        [Parameter(ParameterSetName = ByUuidSet, Mandatory = true)]
        public Guid[] Uuid { get; set; } = Array.Empty<Guid>();

        /// <summary>Only domains in these states.</summary>
        [Parameter]
        public DomainState[]? State { get; set; }

        // By property name, so that hosts from Get-VMHost (and domains, and Import-Csv rows) name their own host.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        protected override void ProcessRecord()
        {
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                switch (ParameterSetName)
                {
                    case ByIdSet:
                        foreach (var id in Id) Lookup(hosts, id.ToString(System.Globalization.CultureInfo.InvariantCulture), (d, ct) => d.LookupByIdAsync(id, ct));
                        break;
                    case ByUuidSet:
                        foreach (var uuid in Uuid) Lookup(hosts, uuid.ToString(), (d, ct) => d.LookupByUuidAsync(uuid, ct));
                        break;
                    default:
                        foreach (var selected in Await(ct => ObjectSelector.ByNameAsync(ObjectKinds.Domain, hosts, Name, ct)))
                        {
                            if (selected.NotFound != null) WriteFailure(selected.NotFound, selected.NotFound.Target);
                            else Emit(selected.Item!);
                        }
                        break;
                }
            });
        }

        private void Lookup(IReadOnlyList<HostTarget> hosts, string what, Func<IDomainDriver, CancellationToken, Task<VMDomain>> find)
        {
            var found = false;
            foreach (var host in hosts)
            {
                try
                {
                    Emit(Await(ct => find(host.Connection.Driver.Domains(), ct)));
                    found = true;
                }
                catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain) { }
            }
            if (!found)
                WriteFailure(ObjectSelector.NotFound(ObjectKinds.Domain, $"with {(ParameterSetName == ByIdSet ? "id" : "UUID")} {what}", what, hosts), what);
        }

        private void Emit(VMDomain domain)
        {
            if (State == null || State.Contains(domain.State)) WriteObject(domain);
        }
    }
}
