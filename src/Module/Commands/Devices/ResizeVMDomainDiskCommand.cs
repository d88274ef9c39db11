using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Resizes a disk of a domain while it runs (virsh blockresize); shrinking needs -Force.</summary>
    [Cmdlet(VerbsCommon.Resize, "VMDomainDisk", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Resize-VMDomainDisk.md")]
    [OutputType(typeof(VMDomainDisk))]
    public sealed class ResizeVMDomainDiskCommand : DeviceCmdlet
    {
        [Parameter(Mandatory = true)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string Target { get; set; } = "";

        /// <summary>The new size: bytes (20GB in PowerShell), or a number with a unit as virsh takes it (20G, 20GiB, 512M).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Size { get; set; } = "";

        /// <summary>Allow a size smaller than the disk's capacity (the data past it is lost).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private ulong _bytes;

        protected override string Action => $"Resize disk {Target} to {_bytes} bytes";

        protected override void BeginProcessing()
        {
            // A size that does not parse is refused before any domain is looked at.
            try { _bytes = ByteSize.Parse(Size); }
            catch (System.ArgumentException e) { ThrowTerminatingError(new ErrorRecord(e, "InvalidSize", ErrorCategory.InvalidArgument, Size)); }
            base.BeginProcessing();
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var disk = Await(ct => Service(host).ResizeDiskAsync(domain, Target, _bytes, Force, ct));
            if (PassThru) WriteObject(disk);
        }
    }
}
