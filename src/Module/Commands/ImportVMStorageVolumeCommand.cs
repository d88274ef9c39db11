using System.IO;
using System.Management.Automation;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Uploads a local file (an ISO, a raw or qcow2 image) into an existing volume (virsh vol-upload;
    /// STORAGE_VOL_UPLOAD), with a progress bar. -Sparse sends runs of zeros as holes (vol-upload --sparse).
    /// Memory stays bounded whatever the file's size; Ctrl+C aborts the transfer on the host.
    /// </summary>
    [Cmdlet(VerbsData.Import, "VMStorageVolume", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Import-VMStorageVolume.md")]
    [OutputType(typeof(VMStorageVolume))]
    public sealed class ImportVMStorageVolumeCommand : StorageVolumeCmdlet
    {
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
        [Parameter(ParameterSetName = ByPoolSet, Mandatory = true, Position = 0)]
        [Alias("VolumeName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMStorageVolume? Volume { get; set; }

        /// <summary>The local file to upload.</summary>
        [Parameter(Mandatory = true)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SwitchParameter Sparse { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var file = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(file))
            {
                WriteFailure(new FileNotFoundException($"Cannot find the file '{file}' to upload.", file), file);
                return;
            }
            var objects = Volume != null ? new[] { Volume } : System.Array.Empty<VMStorageVolume>();
            foreach (var (host, volume) in VolumeSelection.Of(this, objects, new[] { Name }))
            {
                var length = new FileInfo(file).Length;
                // A file larger than the volume would be cut short by the host after moving it all: refuse it first.
                if ((ulong)length > volume.Capacity)
                {
                    WriteFailure(LibvirtException.InvalidArg($"'{file}' has {length} bytes, more than the {volume.Capacity} bytes of volume '{volume.Name}': resize the volume first", ErrorDomain.Storage, volume.Name), volume.Name);
                    continue;
                }
                if (!ShouldProcess(Describe(volume), $"Upload {file} ({length} bytes), replacing its content")) continue;
                Try(volume.Name, () =>
                {
                    var moved = RunTransfer($"Uploading to {volume.Name}", System.IO.Path.GetFileName(file), length, async (progress, ct) =>
                    {
                        using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, DataStreams.ChunkSize, useAsync: true);
                        using var stream = await Volumes(host).UploadAsync(volume.ToIdentity(), 0, (ulong)length, Sparse, ct).ConfigureAwait(false);
                        return await stream.WriteFromAsync(source, Sparse, DataStreams.ChunkSize, progress, ct).ConfigureAwait(false);
                    });
                    WriteVerbose($"Uploaded {moved} bytes to {Describe(volume)}.");
                    if (PassThru) WriteObject(Await(ct => Volumes(host).GetAsync(volume.ToIdentity(), ct)));
                });
            }
        }
    }
}
