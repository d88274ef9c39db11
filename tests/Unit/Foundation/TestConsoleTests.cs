using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Test;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Images;
using Libvirt.Engine.Keys;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>The embedded test hypervisor's screen, keys and console, as libvirt's test driver (checked with python3-libvirt).</summary>
    public sealed class TestConsoleTests
    {
        private static (IHypervisorDriver, DomainIdentity) Open(string path, bool readOnly = false)
        {
            var uri = "test:///" + path.Trim('/') + "-" + System.Guid.NewGuid().ToString("N");
            var writer = TestDriver.Open(LibvirtUri.Parse(uri));
            var test = writer.Domains().CreateAsync("<domain type='test'><name>test</name><memory>1024</memory><os><type>hvm</type></os></domain>", CancellationToken.None).Result.ToIdentity();
            return (readOnly ? TestDriver.Open(LibvirtUri.Parse(uri), readOnly: true) : writer, test);
        }

        [Fact]
        public async Task Screenshot_is_a_1120x832_gray_png_that_is_not_blank_in_any_state()
        {
            var (driver, test) = Open("/streams-shot");
            await driver.Domains().SuspendAsync(test, CancellationToken.None); // any state: the test driver does not look
            using var shot = await driver.Consoles().ScreenshotAsync(test, 0, CancellationToken.None);
            Assert.Equal("image/png", shot.MimeType);
            var png = await shot.Stream.ReadAllAsync(Screenshots.MaxBytes, CancellationToken.None);
            var image = PngFile.Decode(png);
            Assert.Equal((1120, 832, 1), (image.Width, image.Height, image.Channels));
            Assert.False(image.IsUniform);
            Assert.True(((MemoryDataStream)shot.Stream).IsFinished);
        }

        [Fact]
        public async Task Send_key_needs_a_running_domain_a_known_codeset_and_known_keycodes()
        {
            var (driver, test) = Open("/streams-keys");
            var consoles = driver.Consoles();
            await consoles.SendKeyAsync(test, KeyCodeset.Linux, 0, LinuxKeys.Parse(new[] { "ctrl", "alt", "delete" }, true), CancellationToken.None);
            await consoles.SendKeyAsync(test, KeyCodeset.Usb, 0, new uint[] { 4 }, CancellationToken.None);
            var bad = await Assert.ThrowsAsync<LibvirtException>(() => consoles.SendKeyAsync(test, KeyCodeset.Linux, 0, new uint[] { 767 }, CancellationToken.None));
            Assert.Equal((ErrorCode.InternalError, ErrorDomain.Test), (bad.Code, bad.Domain));
            Assert.Equal("internal error: invalid keycode 767 of linux codeset", bad.Message);
            var codeset = await Assert.ThrowsAsync<LibvirtException>(() => consoles.SendKeyAsync(test, (KeyCodeset)99, 0, new uint[] { 1 }, CancellationToken.None));
            Assert.Equal("Unsupported codeset '99'", codeset.Message);
            await driver.Domains().SuspendAsync(test, CancellationToken.None);
            await consoles.SendKeyAsync(test, KeyCodeset.Linux, 0, new uint[] { 1 }, CancellationToken.None); // paused is active
            var (driver2, off2) = Open("/streams-keys-off");
            await driver2.Domains().DefineAsync("<domain type='test'><name>idle</name><memory>1024</memory><os><type>hvm</type></os></domain>", CancellationToken.None);
            test = (await driver2.Domains().LookupByNameAsync("idle", CancellationToken.None)).ToIdentity();
            consoles = driver2.Consoles();
            var off = await Assert.ThrowsAsync<LibvirtException>(() => consoles.SendKeyAsync(test, KeyCodeset.Linux, 0, new uint[] { 767 }, CancellationToken.None));
            Assert.Equal(ErrorCode.OperationInvalid, off.Code);
            Assert.Equal("Requested operation is not valid: domain is not running", off.Message);
        }

        [Fact]
        public async Task Read_only_refuses_screenshot_and_send_key_and_console_is_not_supported()
        {
            var (driver, test) = Open("/streams-ro", readOnly: true);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => driver.Consoles().ScreenshotAsync(test, 0, CancellationToken.None));
            Assert.Equal(ErrorCode.OperationDenied, e.Code);
            Assert.Contains("virDomainScreenshot", e.Message);
            var c = await Assert.ThrowsAsync<LibvirtException>(() => driver.Consoles().OpenConsoleAsync(test, null, false, CancellationToken.None));
            Assert.Equal(ErrorCode.NoSupport, c.Code);
            Assert.Equal("this function is not supported by the connection driver: virDomainOpenConsole", c.Message);
        }

        [Theory]
        [InlineData("ctrl", 29u)]
        [InlineData("KEY_LEFTCTRL", 29u)]
        [InlineData("Delete", 111u)]
        [InlineData("f2", 60u)]
        [InlineData("a", 30u)]
        [InlineData("0x1d", 29u)]
        [InlineData("28", 28u)]
        public void Key_names_and_numbers(string key, uint code) => Assert.Equal(code, LinuxKeys.Parse(new[] { key }, true)[0]);

        [Fact]
        public void Bad_keys_are_invalid_arguments()
        {
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => LinuxKeys.Parse(new[] { "bogus" }, true)).Code);
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => LinuxKeys.Parse(new string[17], true)).Code);
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => LinuxKeys.Parse(new[] { "ctrl" }, false)).Code);
        }
    }
}
