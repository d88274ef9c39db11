using System;
using System.Linq;

namespace Libvirt.Tests.Unit.Remote.Support
{
    /// <summary>Byte fixtures written as hex with spaces and comments stripped: "00 00 00 1c // length".</summary>
    internal static class Hex
    {
        public static byte[] Bytes(string text)
        {
            var digits = string.Concat(text.Split('\n').Select(line =>
            {
                var comment = line.IndexOf("//", StringComparison.Ordinal);
                return comment >= 0 ? line.Substring(0, comment) : line;
            })).Replace(" ", "").Replace("\r", "").Replace("\t", "");
            return Convert.FromHexString(digits);
        }

        public static string Of(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
