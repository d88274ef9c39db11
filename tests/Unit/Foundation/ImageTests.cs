using System;
using System.Linq;
using System.Text;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Images;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>QEMU's PPM screendump to PNG and back, without any image library.</summary>
    public sealed class ImageTests
    {
        private static byte[] Ppm(int w, int h, Func<int, int, (byte R, byte G, byte B)> pixel, string header = null!)
        {
            var head = Encoding.ASCII.GetBytes(header ?? $"P6\n# qemu\n{w} {h}\n255\n");
            var data = new byte[w * h * 3];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var (r, g, b) = pixel(x, y);
                    data[(y * w + x) * 3] = r; data[(y * w + x) * 3 + 1] = g; data[(y * w + x) * 3 + 2] = b;
                }
            return head.Concat(data).ToArray();
        }

        [Fact]
        public void A_ppm_becomes_a_png_of_the_same_size_and_pixels()
        {
            var ppm = Ppm(720, 400, (x, y) => ((byte)x, (byte)y, (byte)(x ^ y)));
            var (png, w, h) = Screenshots.ToPng("image/x-portable-pixmap", ppm);
            Assert.Equal((720, 400), (w, h));
            Assert.Equal((720, 400), PngFile.ReadSize(png));
            var back = PngFile.Decode(png);
            Assert.Equal(3, back.Channels);
            Assert.Equal(ppm.Skip(ppm.Length - 720 * 400 * 3).ToArray(), back.Pixels);
            Assert.False(back.IsUniform);
        }

        [Fact]
        public void A_black_screen_is_uniform_and_a_png_passes_through()
        {
            var ppm = Ppm(64, 32, (x, y) => (0, 0, 0));
            var (png, _, _) = Screenshots.ToPng("image/x-portable-pixmap", ppm);
            Assert.True(PngFile.Decode(png).IsUniform);
            Assert.Same(png, Screenshots.ToPng("image/png", png).Png);
        }

        [Theory]
        [InlineData("P6\n10 10\n65535\n")]
        [InlineData("P6\n0 10\n255\n")]
        [InlineData("P6\n99999 10\n255\n")]
        [InlineData("P6\n10\n")]
        public void A_bad_ppm_is_a_clear_error_not_a_crash(string header)
        {
            var bytes = Encoding.ASCII.GetBytes(header).Concat(new byte[30]).ToArray();
            var e = Assert.Throws<LibvirtException>(() => Screenshots.ToPng("image/x-portable-pixmap", bytes));
            Assert.Equal(ErrorCode.InternalError, e.Code);
            Assert.Contains("not a valid image", e.Message);
        }

        [Fact]
        public void A_truncated_ppm_and_an_unknown_format_are_refused()
        {
            var ppm = Ppm(10, 10, (x, y) => (1, 2, 3));
            Assert.Throws<LibvirtException>(() => Screenshots.ToPng("image/x-portable-pixmap", ppm.Take(ppm.Length - 1).ToArray()));
            var e = Assert.Throws<LibvirtException>(() => Screenshots.ToPng("image/bmp", new byte[] { 0x42, 0x4d, 0, 0 }));
            Assert.Equal(ErrorCode.NoSupport, e.Code);
        }
    }
}
