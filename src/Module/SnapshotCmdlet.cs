using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of the cmdlets that act on snapshots: snapshot objects from the pipeline (Get-VMDomainSnapshot), or
    /// domains by -Name (wildcards) on -Uri/-Connection hosts with -SnapshotName (wildcards) among their
    /// snapshots. Everything selected is gathered first and acted on at the end, so that a cmdlet can choose
    /// among a domain's snapshots as a whole (Remove-VMDomainSnapshot -Keep).
    /// </summary>
    public abstract class SnapshotCmdlet : LibvirtCmdlet
    {
        protected const string ByObjectSet = "ByObject";
        protected const string ByNameSet = "ByName";

        private readonly List<(HostTarget Host, VMDomainSnapshot Snapshot)> _selected = new List<(HostTarget, VMDomainSnapshot)>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMDomainSnapshot[] Snapshot { get; set; } = Array.Empty<VMDomainSnapshot>();

        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ByNameSet, Position = 1)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SnapshotNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? SnapshotName { get; set; }

        [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>What ByName selects when -SnapshotName is not given: every snapshot, or only the current one.</summary>
        private protected virtual bool CurrentWhenUnnamed => false;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByObjectSet)
            {
                foreach (var s in Snapshot)
                    Try(s.Name, () => _selected.Add((Hosts.ForUri(s.Uri, Cancellation), s)));
                return;
            }
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                foreach (var selected in Await(ct => ObjectSelector.ByNameAsync(ObjectKinds.Domain, hosts, Name, ct)))
                {
                    if (selected.NotFound != null) { WriteFailure(selected.NotFound, selected.NotFound.Target); continue; }
                    var host = selected.Host!;
                    var domain = selected.Item!;
                    Try(domain.Name, () =>
                    {
                        var all = Await(ct => host.Connection.Driver.Snapshots().ListAsync(domain.ToIdentity(), ct));
                        foreach (var s in SnapshotMatch.Select(all, SnapshotName, CurrentWhenUnnamed, domain, WriteFailure))
                            _selected.Add((host, s));
                    });
                }
            });
        }

        protected override void EndProcessing()
        {
            try { Process(_selected); }
            finally { base.EndProcessing(); }
        }

        /// <summary>Acts on everything selected, each snapshot confirmed on its own.</summary>
        private protected abstract void Process(IReadOnlyList<(HostTarget Host, VMDomainSnapshot Snapshot)> selected);

        /// <summary>"snapshot 'name' of domain on host (uri)", the target text of ShouldProcess.</summary>
        internal static string Describe(VMDomainSnapshot s) => $"snapshot '{s.Name}' of {s.Domain} on {s.Host} ({s.Uri})";

        private protected static ISnapshotDriver Snapshots(HostTarget host) => host.Connection.Driver.Snapshots();
    }

    /// <summary>Chooses among a domain's snapshots by names with wildcards, as PowerShell's Get- cmdlets do.</summary>
    internal static class SnapshotMatch
    {
        /// <summary>
        /// Oldest first. Creation times are in whole seconds, so snapshots of the same second are ordered by
        /// depth (parents before their children), then by name.
        /// </summary>
        public static List<VMDomainSnapshot> Ordered(IReadOnlyList<VMDomainSnapshot> all)
        {
            var byName = all.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
            int Depth(VMDomainSnapshot s)
            {
                var depth = 0;
                for (var p = s.Parent; p != null && byName.TryGetValue(p, out var parent) && depth < byName.Count; p = parent.Parent) depth++;
                return depth;
            }
            return all.OrderBy(s => s.CreationTime).ThenBy(Depth).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        }

        /// <summary>A plain name that matches nothing is a NoDomainSnapshot error; a wildcard may match nothing.</summary>
        public static IEnumerable<VMDomainSnapshot> Select(IReadOnlyList<VMDomainSnapshot> all, string[]? names, bool currentWhenUnnamed,
            VMDomain domain, Action<Exception, object?> fail)
        {
            var ordered = Ordered(all);
            if (names == null || names.Length == 0)
            {
                if (!currentWhenUnnamed) return ordered;
                var current = ordered.Where(s => s.IsCurrent).ToList();
                if (current.Count == 0)
                    fail(new LibvirtException(ErrorCode.NoDomainSnapshot, ErrorDomain.DomainSnapshot,
                        $"Domain snapshot not found: domain '{domain.Name}' on {domain.Host} has no current snapshot") { Target = domain.Name }, domain.Name);
                return current;
            }
            var result = new List<VMDomainSnapshot>();
            foreach (var name in names)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var matched = ordered.Where(s => pattern.IsMatch(s.Name)).ToList();
                if (matched.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    fail(new LibvirtException(ErrorCode.NoDomainSnapshot, ErrorDomain.DomainSnapshot,
                        $"Domain snapshot not found: domain '{domain.Name}' on {domain.Host} has no snapshot '{name}'") { Target = name }, name);
                result.AddRange(matched.Where(m => !result.Contains(m)));
            }
            return result;
        }
    }
}
