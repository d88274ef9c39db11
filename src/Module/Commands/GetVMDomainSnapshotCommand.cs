using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Lists domains' snapshots (virsh snapshot-list), oldest first, with parent, creation time, state and which is current.</summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainSnapshot", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainSnapshot.md")]
    [OutputType(typeof(VMDomainSnapshot))]
    public sealed class GetVMDomainSnapshotCommand : DomainCmdlet
    {
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SnapshotNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? SnapshotName { get; set; }

        /// <summary>Only the current snapshot (the one the next snapshot is taken on top of).</summary>
        [Parameter]
        public SwitchParameter Current { get; set; }

        protected override string Action => "Get snapshots";

        private protected override bool ConfirmObject(VMDomain item) => true;

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var all = Await(ct => host.Connection.Driver.Snapshots().ListAsync(domain.ToIdentity(), ct));
            foreach (var s in SnapshotMatch.Select(all, SnapshotName, currentWhenUnnamed: false, domain, WriteFailure))
                if (!Current || s.IsCurrent) WriteObject(s);
        }
    }
}
