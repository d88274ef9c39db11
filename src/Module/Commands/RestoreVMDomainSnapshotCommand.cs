using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Returns domains to a snapshot (virsh snapshot-revert): what the domain did since is lost, so it asks
    /// first (ConfirmImpact High) unless -Force. By name without -SnapshotName, the current snapshot.
    /// </summary>
    [Cmdlet(VerbsData.Restore, "VMDomainSnapshot", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Restore-VMDomainSnapshot.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class RestoreVMDomainSnapshotCommand : SnapshotCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes each domain after the revert.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override bool CurrentWhenUnnamed => true;

        private protected override void Process(IReadOnlyList<(HostTarget Host, VMDomainSnapshot Snapshot)> selected)
        {
            foreach (var group in selected.GroupBy(s => (s.Snapshot.Uri, s.Snapshot.DomainUuid)))
            {
                var items = group.ToList();
                if (items.Count > 1)
                {
                    var first = items[0].Snapshot;
                    WriteFailure(new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.DomainSnapshot,
                        $"invalid argument: {items.Count} snapshots of domain '{first.Domain}' were selected ({string.Join(", ", items.Select(i => i.Snapshot.Name))}); a domain is restored to one") { Target = first.Domain }, first.Domain);
                    continue;
                }
                var (host, snapshot) = items[0];
                if (!ShouldProcessUnlessForced(Describe(snapshot), "Restore (discards the domain's current state)", Force)) continue;
                Try(snapshot.Name, () =>
                {
                    Await(ct => Snapshots(host).RevertAsync(snapshot.ToIdentity(), ct));
                    if (PassThru) WriteObject(Await(ct => host.Connection.Driver.Domains().GetAsync(snapshot.ToIdentity().Domain, ct)));
                });
            }
        }
    }
}
