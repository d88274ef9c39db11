using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Images;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Saves a picture of a domain's screen as PNG (virsh screenshot). QEMU sends PPM, converted here; the
    /// file is written only when the whole picture has arrived, so a failed or cancelled shot leaves nothing.
    /// </summary>
    [Cmdlet(VerbsData.Save, "VMDomainScreenshot", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Save-VMDomainScreenshot.md")]
    [OutputType(typeof(DomainScreenshot))]
    public sealed class SaveVMDomainScreenshotCommand : DomainCmdlet
    {
        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The PNG file, or an existing directory (the file is then &lt;domain&gt;.png in it).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Which screen of a domain with several (0: the first).</summary>
        [Parameter]
        public uint Screen { get; set; }

        protected override string Action => "Save screenshot";

        private protected override bool ConfirmObject(VMDomain item) =>
            ShouldProcess(Describe(item), $"Save screenshot of screen {Screen} to {FileFor(item)}");

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var file = FileFor(domain);
            if (!_written.Add(file))
                throw new ArgumentException($"Cannot save the screenshot of '{domain.Name}' to '{file}': this command has written another domain's screenshot there. Give a directory as -Path to save one file per domain.");
            var image = Await(async ct =>
            {
                using var shot = await host.Connection.Driver.Consoles().ScreenshotAsync(domain.ToIdentity(), Screen, ct).ConfigureAwait(false);
                var bytes = await shot.Stream.ReadAllAsync(Screenshots.MaxBytes, ct).ConfigureAwait(false);
                return (shot.MimeType, Bytes: bytes);
            });
            var (png, width, height) = Screenshots.ToPng(image.MimeType, image.Bytes);
            File.WriteAllBytes(file, png);
            WriteObject(new DomainScreenshot
            {
                Domain = domain.Name,
                Host = domain.Host,
                Uri = domain.Uri,
                Screen = Screen,
                Path = file,
                Width = width,
                Height = height,
                Format = Screenshots.PngMime,
                HostFormat = image.MimeType,
                Length = png.Length,
            });
        }

        private string FileFor(VMDomain domain)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            return Directory.Exists(path) ? System.IO.Path.Combine(path, domain.Name + ".png") : path;
        }
    }
}
