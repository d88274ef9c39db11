using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Deletes volumes and their data (virsh vol-delete).</summary>
    [Cmdlet(VerbsCommon.Remove, "VMStorageVolume", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-VMStorageVolume.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveVMStorageVolumeCommand : StorageVolumeCmdlet
    {
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
        [Parameter(ParameterSetName = ByPoolSet, Mandatory = true, Position = 0)]
        [Alias("VolumeName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMStorageVolume[] Volume { get; set; } = System.Array.Empty<VMStorageVolume>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var (host, volume) in VolumeSelection.Of(this, Volume, Name))
            {
                if (!ShouldProcessUnlessForced(Describe(volume), "Remove (delete the volume and its data)", Force)) continue;
                Try(volume.Name, () => Await(ct => Volumes(host).DeleteAsync(volume.ToIdentity(), ct)));
            }
        }
    }
}
