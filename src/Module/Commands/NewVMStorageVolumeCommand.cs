using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Creates a volume in a storage pool (virsh vol-create-as): -Name, -Capacity with units, -Format (raw,
    /// qcow2, ...), and for a linked clone a -BackingVolume (a qcow2 overlay that reads through to it); or from
    /// libvirt volume XML (-Xml).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VMStorageVolume", DefaultParameterSetName = ByNameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-VMStorageVolume.md")]
    [OutputType(typeof(VMStorageVolume))]
    public sealed class NewVMStorageVolumeCommand : StorageVolumeCmdlet
    {
        [Parameter(Position = 1)]
        [Alias("VolumeName")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Bytes, or a number with a unit: 10G, 10GiB, 512MB (PowerShell's 10GB works too).</summary>
        [Parameter(Position = 2)]
        [ValidateNotNullOrEmpty]
        public string? Capacity { get; set; }

        /// <summary>Space to allocate now (sparse when 0 or not given for qcow2).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Allocation { get; set; }

        [Parameter]
        [ValidateSet("raw", "qcow2", "qed", "vmdk", "vpc", "vdi", "iso", "bochs", "cloop", "dmg", "vhdx")]
        public string? Format { get; set; }

        /// <summary>The volume this one overlays (copy-on-write); the new volume is qcow2 unless -Format says otherwise.</summary>
        [Parameter]
        [ValidateNotNull]
        public VMStorageVolume? BackingVolume { get; set; }

        /// <summary>Libvirt volume XML instead of the typed parameters.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Xml { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            string? bad = null;
            if (Xml != null && (Name != null || Capacity != null || Format != null || BackingVolume != null || Allocation != null))
                bad = "-Xml cannot be combined with -Name, -Capacity, -Allocation, -Format or -BackingVolume";
            else if (Xml == null && Name == null) bad = "give -Name (and -Capacity), or -Xml";
            else if (Xml == null && Capacity == null && BackingVolume == null) bad = "give -Capacity (or -BackingVolume, whose capacity the overlay takes)";
            else if (Xml != null && SafeXml.DeclaresDocumentType(Xml)) ThrowFailure(SafeXml.DtdRefused("storage volume definition"), null);
            if (bad != null)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(bad), "InvalidVolumeParameters", ErrorCategory.InvalidArgument, null));
            if (Capacity != null) Try(Capacity, () => StorageSize.Parse(Capacity));
            if (Allocation != null) Try(Allocation, () => StorageSize.Parse(Allocation));
        }

        protected override void ProcessRecord()
        {
            Try(Name, () =>
            {
                var xml = Xml ?? StorageXml.Volume(Name!,
                    Capacity != null ? StorageSize.Parse(Capacity) : BackingVolume!.Capacity,
                    Format ?? (BackingVolume != null ? "qcow2" : null),
                    BackingVolume?.Path, BackingVolume?.Format,
                    Allocation != null ? StorageSize.Parse(Allocation) : (ulong?)null);
                var name = Name ?? StorageXml.TryReadName(xml) ?? "(volume XML)";
                foreach (var (host, pool) in SelectPools())
                {
                    if (!ShouldProcess($"{name} in pool {pool.Name} on {host.Connection.Hostname} ({host.Connection.Uri})", "Create volume")) continue;
                    Try(name, () => WriteObject(Await(ct => Volumes(host).CreateAsync(pool, xml, ct))));
                }
            });
        }
    }
}
