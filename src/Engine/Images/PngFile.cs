using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Libvirt.Engine.Images
{
    /// <summary>
    /// Writes a <see cref="RasterImage"/> as PNG (8-bit gray or RGB, no interlace, filter "Up" on every row)
    /// and reads a PNG's size from its header. zlib around .NET's DeflateStream, so no dependency.
    /// </summary>
    public static class PngFile
    {
        private static readonly byte[] Signature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a };

        public static bool LooksLikePng(byte[] data)
        {
            if (data == null || data.Length < 24) return false;
            for (var i = 0; i < Signature.Length; i++) if (data[i] != Signature[i]) return false;
            return true;
        }

        /// <summary>Width and height from the IHDR chunk.</summary>
        public static (int Width, int Height) ReadSize(byte[] data)
        {
            if (!LooksLikePng(data) || Encoding.ASCII.GetString(data, 12, 4) != "IHDR") throw new FormatException("Not a PNG image.");
            return (BigEndian(data, 16), BigEndian(data, 20));
        }

        /// <summary>
        /// Reads an 8-bit, non-interlaced gray, RGB or RGBA PNG (what QEMU and libvirt write) into pixels;
        /// alpha is dropped. Other PNGs are a FormatException.
        /// </summary>
        public static RasterImage Decode(byte[] data)
        {
            var (width, height) = ReadSize(data);
            if (width <= 0 || height <= 0 || width > PpmReader.MaxSide || height > PpmReader.MaxSide) throw new FormatException($"PNG size {width}x{height} is out of range.");
            int depth = data[24], colour = data[25], interlace = data[28];
            var samples = colour == 0 ? 1 : colour == 2 ? 3 : colour == 6 ? 4 : 0;
            if (depth != 8 || samples == 0 || interlace != 0) throw new FormatException($"PNG with bit depth {depth}, colour type {colour}, interlace {interlace} is not supported.");
            var idat = new MemoryStream();
            for (var at = 8; at + 12 <= data.Length;)
            {
                var length = BigEndian(data, at);
                var type = Encoding.ASCII.GetString(data, at + 4, 4);
                if (length < 0 || at + 12 + length > data.Length) throw new FormatException("PNG chunk runs past the end.");
                if (type == "IDAT") idat.Write(data, at + 8, length);
                if (type == "IEND") break;
                at += 12 + length;
            }
            var stride = width * samples;
            var raw = new byte[(long)(stride + 1) * height];
            idat.Position = 2; // zlib header
            using (var inflate = new DeflateStream(idat, CompressionMode.Decompress))
            {
                var read = 0;
                while (read < raw.Length)
                {
                    var n = inflate.Read(raw, read, raw.Length - read);
                    if (n == 0) throw new FormatException("PNG image data is shorter than its size.");
                    read += n;
                }
            }
            var rows = new byte[stride * height];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[(long)y * (stride + 1)];
                var src = y * (stride + 1) + 1;
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= samples ? rows[y * stride + x - samples] : 0;
                    int b = y > 0 ? rows[(y - 1) * stride + x] : 0;
                    int c = x >= samples && y > 0 ? rows[(y - 1) * stride + x - samples] : 0;
                    int v = raw[src + x];
                    switch (filter)
                    {
                        case 0: break;
                        case 1: v += a; break;
                        case 2: v += b; break;
                        case 3: v += (a + b) / 2; break;
                        case 4: v += Paeth(a, b, c); break;
                        default: throw new FormatException($"PNG row filter {filter} is unknown.");
                    }
                    rows[y * stride + x] = (byte)v;
                }
            }
            if (samples != 4) return new RasterImage(width, height, samples, rows);
            var rgb = new byte[width * height * 3];
            for (int i = 0, j = 0; i < rows.Length; i += 4, j += 3) { rgb[j] = rows[i]; rgb[j + 1] = rows[i + 1]; rgb[j + 2] = rows[i + 2]; }
            return new RasterImage(width, height, 3, rgb);
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        public static byte[] Encode(RasterImage image)
        {
            if (image == null) throw new ArgumentNullException(nameof(image));
            var output = new MemoryStream();
            output.Write(Signature, 0, Signature.Length);

            var header = new byte[13];
            PutBigEndian(header, 0, (uint)image.Width);
            PutBigEndian(header, 4, (uint)image.Height);
            header[8] = 8;                                     // bits per sample
            header[9] = (byte)(image.Channels == 3 ? 2 : 0);   // colour type: RGB or gray
            WriteChunk(output, "IHDR", header);
            WriteChunk(output, "IDAT", Compress(image));
            WriteChunk(output, "IEND", Array.Empty<byte>());
            return output.ToArray();
        }

        private static byte[] Compress(RasterImage image)
        {
            var stride = image.Width * image.Channels;
            var zlib = new MemoryStream();
            zlib.WriteByte(0x78); // deflate, 32 KiB window
            zlib.WriteByte(0x9c); // default compression; header checksum fits
            var adler = new Adler32();
            using (var deflate = new DeflateStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[stride + 1];
                row[0] = 2; // filter Up: a screen's rows repeat, so differences compress well
                for (var y = 0; y < image.Height; y++)
                {
                    var at = y * stride;
                    for (var x = 0; x < stride; x++)
                        row[x + 1] = y == 0 ? image.Pixels[at + x] : unchecked((byte)(image.Pixels[at + x] - image.Pixels[at - stride + x]));
                    adler.Update(row, 0, row.Length);
                    deflate.Write(row, 0, row.Length);
                }
            }
            var sum = new byte[4];
            PutBigEndian(sum, 0, adler.Value);
            zlib.Write(sum, 0, 4);
            return zlib.ToArray();
        }

        private static void WriteChunk(Stream output, string type, byte[] data)
        {
            var head = new byte[8];
            PutBigEndian(head, 0, (uint)data.Length);
            Encoding.ASCII.GetBytes(type, 0, 4, head, 4);
            output.Write(head, 0, 8);
            output.Write(data, 0, data.Length);
            var crc = Crc32.Compute(head, 4, 4, 0xffffffffu);
            crc = Crc32.Compute(data, 0, data.Length, crc) ^ 0xffffffffu;
            var tail = new byte[4];
            PutBigEndian(tail, 0, crc);
            output.Write(tail, 0, 4);
        }

        private static void PutBigEndian(byte[] b, int at, uint v)
        {
            b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v;
        }

        private static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];

        private sealed class Adler32
        {
            private uint _a = 1, _b;
            public uint Value => (_b << 16) | _a;
            public void Update(byte[] data, int offset, int count)
            {
                for (var i = offset; i < offset + count; i++)
                {
                    _a = (_a + data[i]) % 65521;
                    _b = (_b + _a) % 65521;
                }
            }
        }

        private static class Crc32
        {
            private static readonly uint[] Table = BuildTable();

            public static uint Compute(byte[] data, int offset, int count, uint crc)
            {
                for (var i = offset; i < offset + count; i++) crc = Table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
                return crc;
            }

            private static uint[] BuildTable()
            {
                var t = new uint[256];
                for (uint n = 0; n < 256; n++)
                {
                    var c = n;
                    for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
                    t[n] = c;
                }
                return t;
            }
        }
    }
}
