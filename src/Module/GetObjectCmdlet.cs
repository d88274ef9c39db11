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
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of Get- for an object kind: objects of one or more hosts by name (wildcards) or UUID. Hosts come from
    /// -Uri, -Connection or the pipeline (Get-VMHost | Get-VMDomain), else from the session. The kind's cmdlet
    /// declares -Name (for its aliases and completer) and may add sets (by id) and filters (by state).
    /// </summary>
    public abstract class GetObjectCmdlet<TObject, TIdentity> : KindCmdlet<TObject, TIdentity> where TObject : class, ILibvirtObject
    {
        protected const string ByUuidSet = "ByUuid";

        private protected GetObjectCmdlet(ObjectKind<TObject, TIdentity> kind) : base(kind) { }

        [Parameter(ParameterSetName = ByUuidSet, Mandatory = true)]
        public Guid[] Uuid { get; set; } = Array.Empty<Guid>();

        // By property name, so that hosts from Get-VMHost (and objects, and Import-Csv rows) name their own host.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The kind's -Name; null or empty lists every object.</summary>
        private protected abstract string[]? Names { get; }

        /// <summary>A filter of the kind's own (-State): objects it refuses are not written.</summary>
        private protected virtual bool Include(TObject item) => true;

        /// <summary>A parameter set of the kind's own (-Id); false when the set is not one it knows.</summary>
        private protected virtual bool ProcessOwnSet(IReadOnlyList<HostTarget> hosts) => false;

        protected override void ProcessRecord()
        {
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                if (ParameterSetName == ByUuidSet)
                {
                    foreach (var uuid in Uuid)
                        Lookup(hosts, uuid.ToString(), $"with UUID {uuid}", (d, ct) => Kind.DriverOf(d).LookupByUuidAsync(uuid, ct));
                    return;
                }
                if (ProcessOwnSet(hosts)) return;
                foreach (var selected in Await(ct => ObjectSelector.ByNameAsync(Kind, hosts, Names, ct)))
                {
                    if (selected.NotFound != null) WriteFailure(selected.NotFound, selected.NotFound.Target);
                    else Emit(selected.Item!);
                }
            });
        }

        /// <summary>One lookup on every host at once; no host having it is one "not found" error about <paramref name="what"/>.</summary>
        private protected void Lookup(IReadOnlyList<HostTarget> hosts, string what, string description, Func<IHypervisorDriver, CancellationToken, Task<TObject>> find)
        {
            var found = Await(ct => Task.WhenAll(hosts.Select(h => TryFind(h, find, ct))));
            foreach (var item in found.Where(o => o != null)) Emit(item!);
            if (found.All(o => o == null))
                WriteFailure(ObjectSelector.NotFound(Kind, description, what, hosts), what);
        }

        private async Task<TObject?> TryFind(HostTarget host, Func<IHypervisorDriver, CancellationToken, Task<TObject>> find, CancellationToken ct)
        {
            try { return await find(host.Connection.Driver, ct).ConfigureAwait(false); }
            catch (LibvirtException ex) when (Kind.IsNotFound(ex)) { return null; }
        }

        private void Emit(TObject item)
        {
            if (Include(item)) WriteObject(item);
        }
    }
}
