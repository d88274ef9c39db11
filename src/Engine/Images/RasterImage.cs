using System;

namespace Libvirt.Engine.Images
{
    /// <summary>An uncompressed picture: 8 bits per sample, 1 (gray) or 3 (RGB) samples per pixel, rows top to bottom.</summary>
    public sealed class RasterImage
    {
        public RasterImage(int width, int height, int channels, byte[] pixels)
        {
            if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "An image has a positive size.");
            if (channels != 1 && channels != 3) throw new ArgumentOutOfRangeException(nameof(channels), "1 (gray) or 3 (RGB) samples per pixel.");
            if (pixels == null || pixels.LongLength != (long)width * height * channels)
                throw new ArgumentException($"{width}x{height}x{channels} needs {(long)width * height * channels} bytes.", nameof(pixels));
            Width = width;
            Height = height;
            Channels = channels;
            Pixels = pixels;
        }

        public int Width { get; }
        public int Height { get; }
        public int Channels { get; }
        public byte[] Pixels { get; }

        /// <summary>Whether every pixel is the same colour (a screen showing nothing).</summary>
        public bool IsUniform
        {
            get
            {
                for (var i = Channels; i < Pixels.Length; i++)
                    if (Pixels[i] != Pixels[i % Channels]) return false;
                return true;
            }
        }
    }
}
