using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Detaches a disk from domains by target or image path (virsh detach-disk); the image file stays.</summary>
    [Cmdlet(VerbsCommon.Remove, "VMDomainDisk", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMDomainDisk.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMDomainDiskCommand : DeviceChangeCmdlet
    {
        /// <summary>The disk's target (vdb) or its source path.</summary>
        [Parameter(Mandatory = true)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string Target { get; set; } = "";

        protected override string Action => $"Detach disk {Target} ({ScopeText})";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            if (!Await(ct => Service(host).RemoveDiskAsync(domain, Target, Scope, ct)))
                WarnDetachPending($"disk {Target}", domain.Name);
        }
    }
}
