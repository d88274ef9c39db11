using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Copies a volume to a new one on the same host (virsh vol-clone; STORAGE_VOL_CREATE_XML_FROM): in its own
    /// pool or -DestinationPool, optionally converting -Format (raw to qcow2, ...).
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "VMStorageVolume", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Copy-VMStorageVolume.md")]
    [OutputType(typeof(VMStorageVolume))]
    public sealed class CopyVMStorageVolumeCommand : StorageVolumeCmdlet
    {
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
        [Parameter(ParameterSetName = ByPoolSet, Mandatory = true, Position = 0)]
        [Alias("VolumeName")]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMStorageVolume[] Volume { get; set; } = System.Array.Empty<VMStorageVolume>();

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string NewName { get; set; } = "";

        /// <summary>The pool of the copy (same host); the source's pool when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationPool { get; set; }

        [Parameter]
        [ValidateSet("raw", "qcow2", "qed", "vmdk", "vpc", "vdi")]
        public string? Format { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var (host, volume) in VolumeSelection.Of(this, Volume, Name))
            {
                var poolName = DestinationPool ?? volume.Pool;
                if (!ShouldProcess(Describe(volume), $"Copy to {NewName} in pool {poolName}")) continue;
                Try(volume.Name, () =>
                {
                    var pool = Await(ct => host.Connection.Driver.StoragePools().LookupByNameAsync(poolName, ct)).ToIdentity();
                    var xml = StorageXml.Volume(NewName, volume.Capacity, Format ?? volume.Format, null, null);
                    WriteObject(Await(ct => Volumes(host).CreateFromAsync(pool, xml, volume.ToIdentity(), ct)));
                });
            }
        }
    }
}
