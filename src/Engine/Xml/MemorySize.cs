using System;
using System.Globalization;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Xml
{
    /// <summary>
    /// libvirt's scaled integers in domain XML (unit='...'), as virScaleInteger reads them: KiB by default, the
    /// suffix case-insensitive, "k"/"KiB" powers of 1024 and "KB" powers of 1000, up to exbibytes.
    /// </summary>
    public static class MemorySize
    {
        private const string Prefixes = "kmgtpe";

        public static ulong ToKiB(string value, string? unit, string element)
        {
            if (!ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Domain, $"XML error: Invalid value '{value}' for element or attribute '{element}'");
            var scale = Scale((unit ?? "KiB").Trim());
            try { return checked(n * scale) / 1024; }
            catch (OverflowException ex) { throw new LibvirtException(ErrorCode.Overflow, ErrorDomain.Domain, $"value too large: {value}{unit}", ex); }
        }

        /// <summary>A scaled integer in bytes, bytes by default (storage XML's capacity and allocation).</summary>
        public static ulong ToBytes(string value, string? unit, string element)
        {
            if (!ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Storage, $"XML error: Invalid value '{value}' for element or attribute '{element}'");
            var scale = Scale((unit ?? "bytes").Trim());
            try { return checked(n * scale); }
            catch (OverflowException ex) { throw new LibvirtException(ErrorCode.Overflow, ErrorDomain.Storage, $"value too large: {value}{unit}", ex); }
        }

        /// <summary>The multiplier of a unit suffix ("GiB", "G", "GB", "bytes"); InvalidArg for one libvirt does not know.</summary>
        public static ulong Scale(string suffix)
        {
            var s = suffix.ToLowerInvariant();
            if (s == "b" || s == "byte" || s == "bytes") return 1;
            var power = s.Length > 0 ? Prefixes.IndexOf(s[0]) + 1 : 0;
            var rest = s.Length > 0 ? s.Substring(1) : s;
            ulong @base = rest == "" || rest == "ib" ? 1024UL : rest == "b" ? 1000UL : 0;
            if (power == 0 || @base == 0)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.None, $"invalid argument: unknown suffix '{suffix}'");
            ulong scale = 1;
            for (var i = 0; i < power; i++) scale *= @base;
            return scale;
        }
    }
}
