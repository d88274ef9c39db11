using System;
using System.IO;

namespace Libvirt.Engine.Devices
{
    /// <summary>
    /// The format of a disk image when the user does not say: read from the file's header when the file can be
    /// read here (a local host), otherwise from its extension; raw when neither tells.
    /// </summary>
    public static class ImageFormat
    {
        /// <summary>"QFI\xfb", the first four bytes of every qcow2 image.</summary>
        private static readonly byte[] Qcow2Magic = { 0x51, 0x46, 0x49, 0xfb };

        public static string Guess(string path)
        {
            try
            {
                if (File.Exists(path))
                {
                    var head = new byte[4];
                    using (var f = File.OpenRead(path))
                        if (f.Read(head, 0, 4) == 4 && head[0] == Qcow2Magic[0] && head[1] == Qcow2Magic[1] && head[2] == Qcow2Magic[2] && head[3] == Qcow2Magic[3])
                            return "qcow2";
                    return "raw";
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return path.EndsWith(".qcow2", StringComparison.OrdinalIgnoreCase) ? "qcow2" : "raw";
        }
    }
}
