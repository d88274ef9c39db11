using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Attaches an existing disk image on the host to domains (virsh attach-disk).</summary>
    [Cmdlet(VerbsCommon.Add, "VMDomainDisk", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Add-VMDomainDisk.md")]
    [OutputType(typeof(VMDomainDisk))]
    public sealed class AddVMDomainDiskCommand : DeviceChangeCmdlet
    {
        /// <summary>The image's full path on the host.</summary>
        [Parameter(Mandatory = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The guest device name; the bus's next free one (vdb, sdc) when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Target { get; set; }

        [Parameter]
        [ValidateSet("virtio", "sata", "scsi", "ide", "usb")]
        public string Bus { get; set; } = "virtio";

        /// <summary>The image format; read from the image's header when the file is readable here, else from its extension.</summary>
        [Parameter]
        [ValidateSet("raw", "qcow2", "vmdk", "vdi", "vpc", "qed")]
        public string? Format { get; set; }

        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => $"Attach disk {Path} ({ScopeText})";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var disk = Await(ct => Service(host).AddDiskAsync(domain, Path, Target, Bus, Format, ReadOnly, Scope, ct));
            if (PassThru) WriteObject(disk);
        }
    }
}
