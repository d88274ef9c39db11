using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Images;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;
using Xunit;
using Xunit.Abstractions;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    /// <summary>Screen and keys of real QEMU guests on libvirt 9.0 (host1) and 11.3 (host3).</summary>
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class QemuScreenTests
    {
        private readonly ITestOutputHelper _out;
        public QemuScreenTests(ITestOutputHelper output) { _out = output; }

        internal static string ScreenXml(string name) =>
            LibvirtHosts.TinyXml.Replace("<name>tiny</name>", $"<name>{name}</name>")
                .Replace("</devices>", "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='vga'/></video></devices>");

        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task A_qemu_guests_screenshot_is_a_picture_that_is_not_blank_and_keys_reach_it(int host)
        {
            using var driver = Drivers.Remote.RemoteDriver.Open(Engine.Uris.LibvirtUri.Parse(LibvirtHosts.QemuUri(host)), new ConnectOptions { Verbose = s => _out.WriteLine(s) }, CancellationToken.None);
            var name = RemoteDriverDomainTests.UniqueName("shot");
            var guest = (await driver.Domains().CreateAsync(ScreenXml(name), CancellationToken.None)).ToIdentity();
            try
            {
                await Task.Delay(2000); // SeaBIOS draws its banner
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var shot = await driver.Consoles().ScreenshotAsync(guest, 0, cts.Token);
                _out.WriteLine("mime " + shot.MimeType);
                var bytes = await shot.Stream.ReadAllAsync(Screenshots.MaxBytes, cts.Token);
                var (png, w, h) = Screenshots.ToPng(shot.MimeType, bytes);
                Assert.True(w >= 640 && h >= 200, $"{w}x{h}");
                Assert.True(PngFile.LooksLikePng(png));
                // SeaBIOS's text on a black screen: not one colour.
                Assert.False(PngFile.Decode(png).IsUniform);
                System.IO.File.WriteAllBytes($"/tmp/libvirt-ps-shot-host{host}.png", png);
                Assert.Equal(0, driver.Client.StreamCount);
                await driver.Consoles().SendKeyAsync(guest, KeyCodeset.Linux, 0, new uint[] { 29, 56, 111 }, CancellationToken.None);
            }
            finally
            {
                await driver.Domains().DestroyAsync(guest, CancellationToken.None);
            }
        }
    }
}
