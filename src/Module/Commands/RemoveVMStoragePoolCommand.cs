using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Removes storage pool definitions (virsh pool-undefine); the volumes' data stays unless -DeleteTarget
    /// (virsh pool-delete: a dir pool's directory, which must be empty). An active pool is refused unless -Force,
    /// which stops it first (and removes without asking).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VMStoragePool", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMStoragePool.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMStoragePoolCommand : StoragePoolCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also delete the pool's target (virsh pool-delete) before undefining it.</summary>
        [Parameter]
        public SwitchParameter DeleteTarget { get; set; }

        protected override string Action => (Force ? "Remove (stop and undefine" : "Remove (undefine") + (DeleteTarget ? ", delete its target)" : ")");

        private protected override bool ConfirmObject(VMStoragePool pool) => ShouldProcessUnlessForced(Describe(pool), Action, Force);

        private protected override void ProcessObject(HostTarget host, VMStoragePool pool)
        {
            var pools = Pools(host);
            var id = pool.ToIdentity();
            var current = Refresh(host, pool);
            if (current.IsActive && Force)
            {
                Await(ct => pools.DestroyAsync(id, ct));
                if (!current.Persistent) return;
            }
            if (DeleteTarget) Await(ct => pools.DeleteAsync(id, ct));
            Await(ct => pools.UndefineAsync(id, ct));
        }
    }
}
