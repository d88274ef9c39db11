using System;
using System.Globalization;
using System.Text;

namespace Libvirt.Engine.Images
{
    /// <summary>
    /// Reads the binary portable pixmap (P6) and graymap (P5) that QEMU's screendump writes, 8 bits per
    /// sample. Anything else is a clear FormatException, never an out-of-range read.
    /// </summary>
    public static class PpmReader
    {
        /// <summary>Larger than any screen a guest has (16384 x 16384).</summary>
        public const int MaxSide = 16384;

        public static bool LooksLikePpm(byte[] data) =>
            data != null && data.Length >= 2 && data[0] == (byte)'P' && (data[1] == (byte)'6' || data[1] == (byte)'5');

        public static RasterImage Read(byte[] data)
        {
            if (!LooksLikePpm(data)) throw new FormatException("Not a binary PPM/PGM image (no P6 or P5 magic).");
            var channels = data[1] == (byte)'6' ? 3 : 1;
            var pos = 2;
            var width = ReadNumber(data, ref pos, "width");
            var height = ReadNumber(data, ref pos, "height");
            var max = ReadNumber(data, ref pos, "maximum value");
            if (width < 1 || height < 1 || width > MaxSide || height > MaxSide)
                throw new FormatException($"PPM size {width}x{height} is outside 1..{MaxSide}.");
            if (max != 255) throw new FormatException($"PPM maximum value {max} is not supported (8-bit samples only).");
            if (pos >= data.Length || !IsSpace(data[pos])) throw new FormatException("PPM header does not end with a whitespace byte.");
            pos++;
            var size = (long)width * height * channels;
            if (data.Length - pos < size) throw new FormatException($"PPM data is {data.Length - pos} bytes, {size} expected for {width}x{height}.");
            var pixels = new byte[size];
            Buffer.BlockCopy(data, pos, pixels, 0, (int)size);
            return new RasterImage(width, height, channels, pixels);
        }

        private static int ReadNumber(byte[] data, ref int pos, string what)
        {
            while (pos < data.Length)
            {
                if (IsSpace(data[pos])) pos++;
                else if (data[pos] == (byte)'#') { while (pos < data.Length && data[pos] != (byte)'\n') pos++; }
                else break;
            }
            var start = pos;
            while (pos < data.Length && data[pos] >= (byte)'0' && data[pos] <= (byte)'9' && pos - start < 9) pos++;
            if (pos == start) throw new FormatException($"PPM header has no {what}.");
            return int.Parse(Encoding.ASCII.GetString(data, start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r' || b == 0x0b || b == 0x0c;
    }
}
