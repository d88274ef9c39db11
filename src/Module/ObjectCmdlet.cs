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
    /// Base of the cmdlets that act on objects of one kind (domains now; networks, storage pools later): objects
    /// come from the pipeline or by -Name (wildcards) on the hosts named by -Uri or -Connection (the session's hosts
    /// when neither is given). Each object is confirmed with ShouldProcess and processed on its own, failures
    /// being non-terminating. A kind's base (<see cref="DomainCmdlet"/>) only declares -Name and the object
    /// parameter, whose aliases and completer are its own; its cmdlets declare an action and what to do per object.
    /// </summary>
    public abstract class ObjectCmdlet<TObject, TIdentity> : KindCmdlet<TObject, TIdentity> where TObject : class, ILibvirtObject
    {
        protected const string ByObjectSet = "ByObject";

        private protected ObjectCmdlet(ObjectKind<TObject, TIdentity> kind) : base(kind) { }

        // By property name too, so that rows of Import-Csv with Name and Uri columns act each on its own host.
        [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The kind's -Name.</summary>
        private protected abstract string[] Names { get; }

        /// <summary>The kind's objects from the pipeline (-Domain, -Network, …).</summary>
        private protected abstract TObject[] InputObjects { get; }

        /// <summary>The verb shown by -WhatIf and -Confirm ("Start", "Stop (power off)").</summary>
        protected abstract string Action { get; }

        private protected abstract void ProcessObject(HostTarget host, TObject item);

        /// <summary>How many hosts are worked on at once when objects are on several (-Uri list, session hosts, -Domain list).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ThrottleLimit { get; set; } = HostFanOut.DefaultThrottleLimit;

        /// <summary>
        /// Whether objects on different hosts are processed at the same time (each host's in order, on a worker of
        /// its own). A cmdlet whose work must stay on the pipeline thread (Move-VMDomain) says no: its objects are
        /// still selected on every host at once, then processed one after the other.
        /// </summary>
        private protected virtual bool ProcessesHostsConcurrently => true;

        protected override void ProcessRecord()
        {
            var several = SeveralHosts();
            if (several != null)
            {
                ProcessOnSeveral(several);
                return;
            }
            foreach (var (host, item) in Select())
            {
                if (!ConfirmObject(item)) continue;
                Try(item.Name, () => ProcessObject(host, item));
            }
        }

        /// <summary>Asks ShouldProcess for one object; a cmdlet with a more dangerous mode asks differently.</summary>
        private protected virtual bool ConfirmObject(TObject item) => ShouldProcess(Describe(item), Action);

        /// <summary>"name on host (uri)", the target text of ShouldProcess.</summary>
        internal static string Describe(TObject item) => $"{item.Name} on {item.Host} ({item.Uri})";

        private IEnumerable<(HostTarget, TObject)> Select()
        {
            var result = new List<(HostTarget, TObject)>();
            if (ParameterSetName == ByObjectSet)
            {
                foreach (var o in InputObjects)
                    Try(o.Name, () => result.Add((Hosts.ForUri(o.Uri, Cancellation), o)));
                return result;
            }
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                foreach (var selected in Await(ct => ObjectSelector.ByNameAsync(Kind, hosts, Names, ct)))
                {
                    if (selected.NotFound != null) WriteFailure(selected.NotFound, selected.NotFound.Target);
                    else result.Add((selected.Host!, selected.Item!));
                }
            });
            return result;
        }

        /// <summary>One host's share of a command over several: how to open it and, given -Domain objects, its objects.</summary>
        private sealed class HostShare
        {
            public HostShare(HostSource source, List<TObject>? objects) { Source = source; Objects = objects; }
            public HostSource Source { get; }
            public List<TObject>? Objects { get; }
        }

        /// <summary>The hosts of this record when there are several (by name, or -Domain objects of several hosts); else null.</summary>
        private IReadOnlyList<HostShare>? SeveralHosts()
        {
            if (ParameterSetName == ByObjectSet)
            {
                var byUri = new List<HostShare>();
                foreach (var o in InputObjects)
                {
                    var share = byUri.FirstOrDefault(s => string.Equals(s.Source.Uri, o.Uri, StringComparison.Ordinal));
                    if (share == null)
                    {
                        var uri = o.Uri;
                        byUri.Add(share = new HostShare(new HostSource(uri, ct => Hosts.ForUri(uri, ct)), new List<TObject>()));
                    }
                    share.Objects!.Add(o);
                }
                return byUri.Count > 1 ? byUri : null;
            }
            IReadOnlyList<HostSource>? sources = null;
            Try(null, () => sources = Hosts.Sources(Uri, Connection));
            if (sources == null) return Array.Empty<HostShare>(); // reported
            return sources.Count > 1 ? sources.Select(s => new HostShare(s, null)).ToList() : null;
        }

        /// <summary>
        /// Objects on several hosts: each host is opened and its objects selected on a worker of its own, at most
        /// ThrottleLimit at a time; its objects are confirmed on the pipeline thread as they arrive and processed on
        /// the worker, in order. A host that fails is one error naming it; a plain name that no host has is
        /// reported once all have answered.
        /// </summary>
        private void ProcessOnSeveral(IReadOnlyList<HostShare> shares)
        {
            var answered = new HostTarget?[shares.Count];
            var missing = new Dictionary<string, int>(StringComparer.Ordinal);
            var later = new List<(HostTarget, TObject)>[shares.Count];
            ForEachHost(Enumerable.Range(0, shares.Count).ToList(), ThrottleLimit, i => TryHost(shares[i].Source.Uri, () =>
            {
                var host = shares[i].Source.Open(Cancellation);
                IReadOnlyList<TObject> objects;
                if (shares[i].Objects != null) objects = shares[i].Objects!;
                else
                {
                    var selection = Await(ct => ObjectSelector.OnHostAsync(Kind, host, Names, ct));
                    lock (missing)
                        foreach (var name in selection.Missing.Distinct(StringComparer.Ordinal))
                            missing[name] = missing.TryGetValue(name, out var n) ? n + 1 : 1;
                    objects = selection.Found;
                }
                answered[i] = host;
                var confirmed = OnPipeline(() => objects.Where(ConfirmObject).ToList());
                if (!ProcessesHostsConcurrently)
                {
                    later[i] = confirmed.Select(o => (host, o)).ToList();
                    return;
                }
                foreach (var item in confirmed) Try(item.Name, () => ProcessObject(host, item));
            }));
            var hosts = answered.Where(h => h != null).Select(h => h!).ToList();
            if (ParameterSetName != ByObjectSet && hosts.Count > 0)
                foreach (var name in Names.Distinct(StringComparer.Ordinal))
                    if (missing.TryGetValue(name, out var count) && count == hosts.Count)
                        WriteFailure(ObjectSelector.NotFound(Kind, $"named '{name}'", name, hosts), name);
            foreach (var share in later.Where(l => l != null))
                foreach (var (host, item) in share)
                    Try(item.Name, () => ProcessObject(host, item));
        }

        /// <summary>
        /// Runs a state change that libvirt refuses when the object is in that state already (starting a running
        /// domain, stopping a shut-off one). As in Hyper-V, that is not an error: when the host confirms that the
        /// object is already <paramref name="done"/>, a warning is written instead; any other failure stands.
        /// Returns false when nothing had to change.
        /// </summary>
        private protected bool ChangeState(HostTarget host, TObject item, Func<CancellationToken, Task> change, Func<TObject, bool> done, string already)
        {
            try
            {
                Await(change);
                return true;
            }
            catch (LibvirtException) when (!Cancellation.IsCancellationRequested)
            {
                if (!IsAlready(host, item, done)) throw;
                WriteWarning($"{Capitalized(Kind.Noun)} '{item.Name}' {already}.");
                return false;
            }
        }

        private bool IsAlready(HostTarget host, TObject item, Func<TObject, bool> done)
        {
            try { return done(Refresh(host, item)); }
            catch (LibvirtException ex) when (Kind.IsNotFound(ex)) { return false; }
        }

        /// <summary>The object as the host sees it now (for -PassThru).</summary>
        private protected TObject Refresh(HostTarget host, TObject item) =>
            Await(ct => Kind.DriverOf(host.Connection.Driver).GetAsync(IdentityOf(item), ct));

        private static string Capitalized(string noun) => noun.Length == 0 ? noun : char.ToUpperInvariant(noun[0]) + noun.Substring(1);
    }
}
