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
