using System.Globalization;
using System.Text.RegularExpressions;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Xml
{
    /// <summary>
    /// Sizes as users type them for volumes: a number of bytes (PowerShell's 10GB is one), or a number with
    /// libvirt's units ("10G", "10GiB", "512MB", "1T"), powers of 1024 unless the unit ends in B without i.
    /// </summary>
    public static class StorageSize
    {
        private static readonly Regex Shape = new Regex(@"^\s*(\d+)\s*([A-Za-z]*)\s*$", RegexOptions.CultureInvariant);

        public static ulong Parse(string text)
        {
            var m = Shape.Match(text ?? "");
            if (!m.Success || !ulong.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw LibvirtException.InvalidArg($"'{text}' is not a size: give bytes or a number with a unit (10G, 10GiB, 512MB)", ErrorDomain.Storage, text);
            var unit = m.Groups[2].Value;
            if (unit.Length == 0) return n;
            ulong scale;
            try { scale = MemorySize.Scale(unit); }
            catch (LibvirtException) { throw LibvirtException.InvalidArg($"unknown unit '{unit}' in size '{text}' (use B, K, M, G, T, P, E with an optional iB or B)", ErrorDomain.Storage, text); }
            try { return checked(n * scale); }
            catch (System.OverflowException) { throw LibvirtException.InvalidArg($"size '{text}' is too large", ErrorDomain.Storage, text); }
        }
    }
}
