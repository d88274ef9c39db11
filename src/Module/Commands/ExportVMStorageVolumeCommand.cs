using System.IO;
using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Downloads a volume's content into a local file (virsh vol-download; STORAGE_VOL_DOWNLOAD), with a
    /// progress bar. -Sparse keeps the volume's holes as holes in the file (vol-download --sparse). Memory stays
    /// bounded whatever the volume's size; Ctrl+C aborts the transfer on the host and removes the partial file.
    /// </summary>
    [Cmdlet(VerbsData.Export, "VMStorageVolume", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Export-VMStorageVolume.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportVMStorageVolumeCommand : StorageVolumeCmdlet
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

        /// <summary>The local file to write; an existing file is replaced only with -Force.</summary>
        [Parameter(Mandatory = true)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SwitchParameter Sparse { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var file = GetUnresolvedProviderPathFromPSPath(Path);
            if (File.Exists(file) && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The file '{file}' exists: use -Force to replace it."), "FileExists", ErrorCategory.ResourceExists, file));
                return;
            }
            var objects = Volume != null ? new[] { Volume } : System.Array.Empty<VMStorageVolume>();
            foreach (var (host, volume) in VolumeSelection.Of(this, objects, new[] { Name }))
            {
                if (!ShouldProcess(Describe(volume), $"Download to {file}")) continue;
                Try(volume.Name, () =>
                {
                    var complete = false;
                    try
                    {
                        RunTransfer($"Downloading {volume.Name}", System.IO.Path.GetFileName(file), (long)volume.Capacity, async (progress, ct) =>
                        {
                            using var destination = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
                            using var stream = await Volumes(host).DownloadAsync(volume.ToIdentity(), 0, 0, Sparse, ct).ConfigureAwait(false);
                            return await stream.CopyToAsync(destination, Sparse, progress, ct).ConfigureAwait(false);
                        });
                        complete = true;
                    }
                    finally
                    {
                        if (!complete && File.Exists(file)) File.Delete(file);
                    }
                    if (PassThru) WriteObject(new FileInfo(file));
                });
            }
        }
    }
}
