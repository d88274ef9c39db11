using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Changes a volume's capacity (virsh vol-resize): grows it, or with -Shrink makes it smaller (data past the
    /// new end is lost); -Allocate allocates the new space now.
    /// </summary>
    [Cmdlet(VerbsCommon.Resize, "VMStorageVolume", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Resize-VMStorageVolume.md")]
    [OutputType(typeof(VMStorageVolume))]
    public sealed class ResizeVMStorageVolumeCommand : StorageVolumeCmdlet
    {
        private const uint ResizeAllocate = 1, ResizeShrink = 4;

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

        /// <summary>The new capacity: bytes, or a number with a unit (20G, 20GiB).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Capacity { get; set; } = "";

        [Parameter]
        public SwitchParameter Shrink { get; set; }

        [Parameter]
        public SwitchParameter Allocate { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private ulong _bytes;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try { _bytes = StorageSize.Parse(Capacity); }
            catch (Engine.Errors.LibvirtException e) { ThrowFailure(e, Capacity); }
        }

        protected override void ProcessRecord()
        {
            foreach (var (host, volume) in VolumeSelection.Of(this, Volume, Name))
            {
                // A smaller capacity without -Shrink is refused here, before anything changes (libvirt would refuse it too).
                if (_bytes < volume.Capacity && !Shrink)
                {
                    WriteFailure(new Engine.Errors.LibvirtException(Engine.Errors.ErrorCode.InvalidArg, Engine.Errors.ErrorDomain.Storage,
                        $"invalid argument: '{volume.Name}' has {volume.Capacity} bytes; making it {_bytes} bytes loses data: add -Shrink") { Target = volume.Name }, volume.Name);
                    continue;
                }
                if (!ShouldProcess(Describe(volume), $"Resize to {_bytes} bytes")) continue;
                Try(volume.Name, () =>
                {
                    var flags = (Shrink ? ResizeShrink : 0) | (Allocate ? ResizeAllocate : 0);
                    Await(ct => Volumes(host).ResizeAsync(volume.ToIdentity(), _bytes, flags, ct));
                    if (PassThru) WriteObject(Await(ct => Volumes(host).GetAsync(volume.ToIdentity(), ct)));
                });
            }
        }
    }
}
