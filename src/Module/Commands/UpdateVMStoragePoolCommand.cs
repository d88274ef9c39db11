using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Rescans storage pools for volumes made outside libvirt (virsh pool-refresh).</summary>
    [Cmdlet(VerbsData.Update, "VMStoragePool", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Update-VMStoragePool.md")]
    [OutputType(typeof(VMStoragePool))]
    public sealed class UpdateVMStoragePoolCommand : StoragePoolCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Refresh";

        private protected override void ProcessObject(HostTarget host, VMStoragePool pool)
        {
            Await(ct => Pools(host).RefreshAsync(pool.ToIdentity(), ct));
            if (PassThru) WriteObject(Refresh(host, pool));
        }
    }
}
