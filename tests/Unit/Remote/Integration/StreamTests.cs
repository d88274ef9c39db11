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
    /// <summary>Streams against a real daemon: its test driver's screenshot, byte for byte what virsh saves.</summary>
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class StreamTests
    {
        private readonly ITestOutputHelper _out;
        public StreamTests(ITestOutputHelper output) { _out = output; }

        [HostFact]
        public async Task A_screenshot_of_the_daemons_test_driver_is_its_png_and_the_stream_finishes()
        {
            using var driver = Drivers.Remote.RemoteDriver.Open(Engine.Uris.LibvirtUri.Parse(LibvirtHosts.Host1TestUri), new ConnectOptions { Verbose = s => _out.WriteLine(s) }, CancellationToken.None);
            var test = (await driver.Domains().LookupByNameAsync("test", CancellationToken.None)).ToIdentity();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var shot = await driver.Consoles().ScreenshotAsync(test, 0, cts.Token);
            Assert.Equal("image/png", shot.MimeType);
            var bytes = await shot.Stream.ReadAllAsync(Screenshots.MaxBytes, cts.Token);
            Assert.True(PngFile.LooksLikePng(bytes));
            Assert.Equal((1120, 832), PngFile.ReadSize(bytes));
            Assert.Equal(0, driver.Client.StreamCount);
            Assert.Null(driver.Failure);
            // The connection goes on as before.
            Assert.Equal("test", (await driver.Domains().GetAsync(test, CancellationToken.None)).Name);
        }
    }
}
