using System;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Images
{
    /// <summary>Turns what a host sends for a screenshot into a PNG: PNG as it is, QEMU's PPM converted.</summary>
    public static class Screenshots
    {
        /// <summary>More than any screen's PPM (16384 x 8192 RGB): a host cannot make us hold more.</summary>
        public const long MaxBytes = 384L * 1024 * 1024;

        public const string PngMime = "image/png";

        public static (byte[] Png, int Width, int Height) ToPng(string mimeType, byte[] image)
        {
            if (image == null) throw new ArgumentNullException(nameof(image));
            if (PngFile.LooksLikePng(image))
            {
                var (w, h) = PngFile.ReadSize(image);
                return (image, w, h);
            }
            if (PpmReader.LooksLikePpm(image))
            {
                RasterImage raster;
                try { raster = PpmReader.Read(image); }
                catch (FormatException e)
                {
                    throw new LibvirtException(ErrorCode.InternalError, ErrorDomain.None, $"internal error: the host's screenshot ({mimeType}) is not a valid image: {e.Message}");
                }
                return (PngFile.Encode(raster), raster.Width, raster.Height);
            }
            throw new LibvirtException(ErrorCode.NoSupport, ErrorDomain.None,
                $"this function is not supported by the connection driver: the host sent a screenshot as '{mimeType}' ({image.Length} bytes), which is neither PNG nor PPM");
        }
    }
}
