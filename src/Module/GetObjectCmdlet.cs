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

        /// <summary>How many hosts are asked at once when several are given (-Uri list, -Connection list, session hosts).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ThrottleLimit { get; set; } = HostFanOut.DefaultThrottleLimit;

        protected override void ProcessRecord()
        {
            Try(null, () =>
            {
                var sources = Hosts.Sources(Uri, Connection);
                if (sources.Count > 1)
                {
                    ProcessOnSeveral(sources);
                    return;
                }
                var hosts = sources.Select(s => s.Open(Cancellation)).ToList();
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

        /// <summary>
        /// Several hosts: each is opened and asked on a worker of its own, at most ThrottleLimit at a time, and its
        /// objects are written as soon as it answers; a host that fails is one error naming it. By name, a plain name
        /// no host has is reported once all have answered.
        /// </summary>
        private void ProcessOnSeveral(IReadOnlyList<HostSource> sources)
        {
            if (ParameterSetName == ByNameSet)
            {
                SelectOnSeveral(sources);
                return;
            }
            var hosts = OpenAll(sources);
            if (hosts.Count == 0) return;
            if (ParameterSetName == ByUuidSet)
            {
                foreach (var uuid in Uuid)
                    Lookup(hosts, uuid.ToString(), $"with UUID {uuid}", (d, ct) => Kind.DriverOf(d).LookupByUuidAsync(uuid, ct));
                return;
            }
            if (ProcessOwnSet(hosts)) return;
            SelectOnSeveral(hosts.Select(h => new HostSource(h.Connection.Uri, _ => h)).ToList());
        }

        private void SelectOnSeveral(IReadOnlyList<HostSource> sources)
        {
            var answered = new HostTarget?[sources.Count];
            var missing = new Dictionary<string, int>(StringComparer.Ordinal);
            ForEachHost(Enumerable.Range(0, sources.Count).ToList(), ThrottleLimit, i => TryHost(sources[i].Uri, () =>
            {
                var host = sources[i].Open(Cancellation);
                var selection = Await(ct => ObjectSelector.OnHostAsync(Kind, host, Names, ct));
                lock (missing)
                {
                    answered[i] = host;
                    foreach (var name in selection.Missing.Distinct(StringComparer.Ordinal))
                        missing[name] = missing.TryGetValue(name, out var n) ? n + 1 : 1;
                }
                foreach (var item in selection.Found) Emit(item);
            }));
            var hosts = answered.Where(h => h != null).Select(h => h!).ToList();
            if (hosts.Count == 0) return;
            foreach (var name in (Names ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal))
                if (missing.TryGetValue(name, out var count) && count == hosts.Count)
                    WriteFailure(ObjectSelector.NotFound(Kind, $"named '{name}'", name, hosts), name);
        }

        /// <summary>Opens every host at once (at most ThrottleLimit at a time); those that fail are errors naming them.</summary>
        private IReadOnlyList<HostTarget> OpenAll(IReadOnlyList<HostSource> sources)
        {
            var opened = new HostTarget?[sources.Count];
            ForEachHost(Enumerable.Range(0, sources.Count).ToList(), ThrottleLimit,
                i => TryHost(sources[i].Uri, () => opened[i] = sources[i].Open(Cancellation)));
            return opened.Where(h => h != null).Select(h => h!).ToList();
        }

        /// <summary>
        /// One lookup on every host at once; no host having it is one "not found" error about <paramref name="what"/>.
        /// Several hosts are asked at most ThrottleLimit at a time, each answer written as it comes; a host that
        /// fails is an error naming it.
        /// </summary>
        private protected void Lookup(IReadOnlyList<HostTarget> hosts, string what, string description, Func<IHypervisorDriver, CancellationToken, Task<TObject>> find)
        {
            if (hosts.Count <= 1)
            {
                var found = Await(ct => Task.WhenAll(hosts.Select(h => TryFind(h, find, ct))));
                foreach (var item in found.Where(o => o != null)) Emit(item!);
                if (found.All(o => o == null))
                    WriteFailure(ObjectSelector.NotFound(Kind, description, what, hosts), what);
                return;
            }
            var answered = new bool[hosts.Count];
            var anyFound = 0;
            ForEachHost(Enumerable.Range(0, hosts.Count).ToList(), ThrottleLimit, i => TryHost(hosts[i].Connection.Uri, () =>
            {
                var item = Await(ct => TryFind(hosts[i], find, ct));
                answered[i] = true;
                if (item == null) return;
                Interlocked.Exchange(ref anyFound, 1);
                Emit(item);
            }));
            var asked = hosts.Where((h, i) => answered[i]).ToList();
            if (anyFound == 0 && asked.Count > 0)
                WriteFailure(ObjectSelector.NotFound(Kind, description, what, asked), what);
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
