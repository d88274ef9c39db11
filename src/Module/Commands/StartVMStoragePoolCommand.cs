using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Starts defined storage pools (virsh pool-start), building them first with -Build; an active pool gets a warning, not an error.</summary>
    [Cmdlet(VerbsLifecycle.Start, "VMStoragePool", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Start-VMStoragePool.md")]
    [OutputType(typeof(VMStoragePool))]
    public sealed class StartVMStoragePoolCommand : StoragePoolCmdlet
    {
        /// <summary>Build the pool first (virsh pool-start --build: a dir pool's directory is made).</summary>
        [Parameter]
        public SwitchParameter Build { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => Build ? "Build and start" : "Start";

        private protected override void ProcessObject(HostTarget host, VMStoragePool pool)
        {
            var pools = Pools(host);
            if (Build && !Refresh(host, pool).IsActive) Await(ct => pools.BuildAsync(pool.ToIdentity(), ct));
            ChangeState(host, pool, ct => pools.StartAsync(pool.ToIdentity(), ct), p => p.IsActive, "is already active");
            if (PassThru) WriteObject(Refresh(host, pool));
        }
    }
}
