using System;
using System.Globalization;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Xml
{
    /// <summary>libvirt's memory units (domain XML unit='...'); KiB is the default.</summary>
    public static class MemorySize
    {
        public static ulong ToKiB(string value, string? unit, string element)
        {
            if (!ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Domain, $"invalid value '{value}' for element <{element}>");
            ulong scale;
            switch ((unit ?? "KiB").Trim())
            {
                case "b": case "byte": case "bytes": case "B": scale = 1; break;
                case "KB": scale = 1000; break;
                case "k": case "K": case "KiB": case "kiB": scale = 1024; break;
                case "MB": scale = 1000000; break;
                case "M": case "m": case "MiB": scale = 1024UL * 1024; break;
                case "GB": scale = 1000000000; break;
                case "G": case "g": case "GiB": scale = 1024UL * 1024 * 1024; break;
                case "TB": scale = 1000000000000; break;
                case "T": case "t": case "TiB": scale = 1024UL * 1024 * 1024 * 1024; break;
                default:
                    throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, $"invalid unit '{unit}' for element <{element}>");
            }
            try { return checked(n * scale) / 1024; }
            catch (OverflowException ex) { throw new LibvirtException(ErrorCode.Overflow, ErrorDomain.Domain, $"value of <{element}> is too large", ex); }
        }
    }
}
