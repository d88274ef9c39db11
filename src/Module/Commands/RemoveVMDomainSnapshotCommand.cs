using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Deletes snapshots (virsh snapshot-delete). -OlderThan and -Keep choose among the selected snapshots of
    /// each domain (the newest -Keep stay); -IncludeChildren also deletes what was taken on top of each.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VMDomainSnapshot", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMDomainSnapshot.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMDomainSnapshotCommand : SnapshotCmdlet
    {
        /// <summary>Also delete every snapshot taken on top of each (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN).</summary>
        [Parameter]
        public SwitchParameter IncludeChildren { get; set; }

        /// <summary>Only snapshots created before this time.</summary>
        [Parameter]
        public DateTime? OlderThan { get; set; }

        /// <summary>Keep the newest N of each domain's selected snapshots; delete the others.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Keep { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override void Process(IReadOnlyList<(HostTarget Host, VMDomainSnapshot Snapshot)> selected)
        {
            var gone = new HashSet<(string, Guid, string)>();
            foreach (var group in selected.GroupBy(s => (s.Snapshot.Uri, s.Snapshot.DomainUuid)))
            {
                var unique = group.GroupBy(s => s.Snapshot.Name).Select(g => g.First()).ToList();
                var order = SnapshotMatch.Ordered(unique.Select(u => u.Snapshot).ToList());
                var chosen = unique.OrderBy(u => order.IndexOf(u.Snapshot)).ToList();
                if (OlderThan.HasValue) chosen = chosen.Where(s => s.Snapshot.CreationTime < OlderThan.Value).ToList();
                if (Keep.HasValue) chosen = chosen.Take(Math.Max(0, chosen.Count - Keep.Value)).ToList();
                foreach (var (host, snapshot) in chosen)
                {
                    // Deleted with its parent's children already.
                    if (gone.Contains((snapshot.Uri, snapshot.DomainUuid, snapshot.Name))) continue;
                    var action = IncludeChildren ? "Remove (with its children)" : "Remove";
                    if (!ShouldProcessUnlessForced(Describe(snapshot), action, Force)) continue;
                    Try(snapshot.Name, () =>
                    {
                        if (IncludeChildren)
                        {
                            // What the host has under it now: they go too, and must not be deleted again.
                            foreach (var d in Descendants(Await(ct => Snapshots(host).ListAsync(snapshot.ToIdentity().Domain, ct)), snapshot.Name))
                                gone.Add((snapshot.Uri, snapshot.DomainUuid, d));
                        }
                        Await(ct => Snapshots(host).DeleteAsync(snapshot.ToIdentity(), IncludeChildren, ct));
                        gone.Add((snapshot.Uri, snapshot.DomainUuid, snapshot.Name));
                    });
                }
            }
        }

        private static IEnumerable<string> Descendants(IReadOnlyList<VMDomainSnapshot> all, string name)
        {
            var result = new HashSet<string>();
            var frontier = new Queue<string>(new[] { name });
            while (frontier.Count > 0)
            {
                var parent = frontier.Dequeue();
                foreach (var child in all.Where(s => s.Parent == parent && result.Add(s.Name))) frontier.Enqueue(child.Name);
            }
            return result;
        }
    }
}
