using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Images;
using Libvirt.Engine.Model;
using Libvirt.Engine.Streams;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Screen, keys and console of the embedded test hypervisor, as libvirt's test driver: a screenshot is a
    /// 1120x832 8-bit gray PNG (the size of the picture libvirt ships for it; this one is drawn here) of any
    /// domain, running or not; send-key needs a running domain and keycodes its codeset knows; a console is
    /// not supported.
    /// </summary>
    internal sealed class TestConsole : IConsoleDriver
    {
        internal const int ScreenWidth = 1120, ScreenHeight = 832;
        private static readonly Lazy<byte[]> Screen = new Lazy<byte[]>(DrawScreen);

        // The linux keycodes libvirt's keymap names (probed through the test driver: others are "invalid keycode").
        private static readonly (uint From, uint To)[] LinuxCodes =
        {
            (0, 265), (272, 279), (288, 299), (303, 318), (320, 327), (330, 337), (352, 439), (448, 451), (464, 484), (497, 506), (512, 524),
        };

        private readonly TestDriver _driver;
        private readonly TestHost _host;

        public TestConsole(TestDriver driver, TestHost host) { _driver = driver; _host = host; }

        public Task<DomainScreenshotStream> ScreenshotAsync(DomainIdentity domain, uint screen, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() =>
            {
                _driver.CheckWritable("virDomainScreenshot");
                lock (_host.Sync) _host.Find(domain);
                return new DomainScreenshotStream("image/png", new MemoryDataStream(Screen.Value));
            });

        public Task SendKeyAsync(DomainIdentity domain, KeyCodeset codeset, uint holdTimeMs, uint[] keys, CancellationToken cancellationToken) =>
            TestDriver.AsTask(() =>
            {
                _driver.CheckWritable("virDomainSendKey");
                if (!Enum.IsDefined(typeof(KeyCodeset), codeset))
                    throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, $"Unsupported codeset '{(int)codeset}'");
                if (keys == null || keys.Length == 0 || keys.Length > Engine.Keys.LinuxKeys.MaxKeys)
                    throw LibvirtException.InvalidArg($"nkeycodes must be in range [1, {Engine.Keys.LinuxKeys.MaxKeys}]");
                lock (_host.Sync)
                {
                    var dom = _host.Find(domain);
                    if (!dom.IsActive) throw LibvirtException.OperationInvalid("domain is not running");
                }
                if (codeset != KeyCodeset.Linux) return true; // other codesets' tables are not modelled: every code passes
                foreach (var k in keys)
                    if (!IsLinuxCode(k))
                        throw new LibvirtException(ErrorCode.InternalError, ErrorDomain.Test, $"internal error: invalid keycode {k} of linux codeset");
                return true;
            });

        public Task<IDataStream> OpenConsoleAsync(DomainIdentity domain, string? device, bool force, CancellationToken cancellationToken) =>
            TestDriver.AsTask<IDataStream>(() =>
                throw LibvirtException.NoSupport("virDomainOpenConsole"));

        private static bool IsLinuxCode(uint k)
        {
            foreach (var (from, to) in LinuxCodes) if (k >= from && k <= to) return true;
            return false;
        }

        /// <summary>A light screen with a dark frame and bars, so it is visibly not blank.</summary>
        private static byte[] DrawScreen()
        {
            var pixels = new byte[ScreenWidth * ScreenHeight];
            for (var y = 0; y < ScreenHeight; y++)
                for (var x = 0; x < ScreenWidth; x++)
                {
                    var frame = x < 16 || y < 16 || x >= ScreenWidth - 16 || y >= ScreenHeight - 16;
                    var bar = y >= 96 && y < 736 && ((x - 64) / 64) % 2 == 0 && x >= 64 && x < ScreenWidth - 64;
                    pixels[y * ScreenWidth + x] = frame ? (byte)32 : bar ? (byte)(64 + (x * 128 / ScreenWidth)) : (byte)224;
                }
            return PngFile.Encode(new RasterImage(ScreenWidth, ScreenHeight, 1, pixels));
        }
    }
}
