using System.Management.Automation;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Lists the volumes of a storage pool (virsh vol-list --details), by name (wildcards).</summary>
    [Cmdlet(VerbsCommon.Get, "VMStorageVolume", DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-VMStorageVolume.md")]
    [OutputType(typeof(VMStorageVolume))]
    public sealed class GetVMStorageVolumeCommand : StorageVolumeCmdlet
    {
        [Parameter(ParameterSetName = ByNameSet, Position = 1)]
        [Parameter(ParameterSetName = ByPoolSet, Position = 0)]
        [Alias("VolumeName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            Try(null, () =>
            {
                foreach (var (_, volume) in SelectVolumes(Name)) WriteObject(volume);
            });
        }
    }
}
