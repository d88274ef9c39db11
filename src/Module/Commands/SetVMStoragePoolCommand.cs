using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Changes storage pools: -AutoStart (virsh pool-autostart).</summary>
    [Cmdlet(VerbsCommon.Set, "VMStoragePool", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Set-VMStoragePool.md")]
    [OutputType(typeof(VMStoragePool))]
    public sealed class SetVMStoragePoolCommand : StoragePoolCmdlet
    {
        [Parameter(Mandatory = true)]
        public bool AutoStart { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => AutoStart ? "Set autostart on" : "Set autostart off";

        private protected override void ProcessObject(HostTarget host, VMStoragePool pool)
        {
            Await(ct => Pools(host).SetAutostartAsync(pool.ToIdentity(), AutoStart, ct));
            if (PassThru) WriteObject(Refresh(host, pool));
        }
    }
}
