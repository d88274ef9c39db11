namespace Libvirt.Engine.Devices
{
    /// <summary>One &lt;disk&gt; of a domain (a hard disk, a CD/DVD drive or a floppy), as its XML describes it.</summary>
    public sealed class VMDomainDisk
    {
        public string Domain { get; set; } = "";

        /// <summary>The guest device name (&lt;target dev&gt;): vda, sdb, hdc.</summary>
        public string Target { get; set; } = "";

        /// <summary>virtio, sata, scsi, ide, usb, fdc.</summary>
        public string Bus { get; set; } = "";

        /// <summary>disk, cdrom, floppy, lun.</summary>
        public string Device { get; set; } = "disk";

        /// <summary>file, block, network, volume, dir.</summary>
        public string Type { get; set; } = "file";

        /// <summary>The file or block device, the network name, or pool/volume; null for an empty CD drive.</summary>
        public string? Source { get; set; }

        /// <summary>The image format (&lt;driver type&gt;): qcow2, raw; null when the XML does not say.</summary>
        public string? Format { get; set; }

        public bool ReadOnly { get; set; }

        /// <summary>The device alias the host gave it (virtio-disk0); null on an inactive definition.</summary>
        public string? Alias { get; set; }

        /// <summary>Capacity in bytes as the guest sees it (DOMAIN_GET_BLOCK_INFO); null when not asked or not known.</summary>
        public ulong? CapacityBytes { get; set; }

        /// <summary>Bytes the image takes on the host; null when not asked or not known.</summary>
        public ulong? AllocationBytes { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>True for a CD/DVD drive without media.</summary>
        public bool IsEmpty => Source == null;

        public override string ToString() => Target;
    }
}
