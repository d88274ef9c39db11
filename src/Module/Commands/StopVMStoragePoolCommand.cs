using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Stops storage pools (virsh pool-destroy; the data stays); an inactive pool gets a warning, not an error.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "VMStoragePool", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Stop-VMStoragePool.md")]
    [OutputType(typeof(VMStoragePool))]
    public sealed class StopVMStoragePoolCommand : StoragePoolCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Stop (destroy)";

        private protected override void ProcessObject(HostTarget host, VMStoragePool pool)
        {
            var stopped = ChangeState(host, pool, ct => Pools(host).DestroyAsync(pool.ToIdentity(), ct), p => !p.IsActive, "is not active");
            if (PassThru && (!stopped || pool.Persistent)) WriteObject(Refresh(host, pool));
        }
    }
}
