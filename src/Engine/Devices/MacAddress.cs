using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Libvirt.Engine.Devices
{
    /// <summary>MAC addresses as libvirt writes them (lowercase, colons), and new ones in QEMU's 52:54:00 range as libvirt generates them.</summary>
    public static class MacAddress
    {
        private static readonly Regex Form = new Regex("^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$|^[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);

        public static string Normalize(string mac)
        {
            if (mac == null || !Form.IsMatch(mac))
                throw new ArgumentException($"'{mac}' is not a MAC address such as 52:54:00:12:34:56.", nameof(mac));
            var hex = mac.Replace(":", "").Replace("-", "").ToLowerInvariant();
            var first = byte.Parse(hex.Substring(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if ((first & 1) != 0)
                throw new ArgumentException($"'{mac}' is a multicast address; a network adapter needs a unicast one (an even first byte).", nameof(mac));
            var parts = new string[6];
            for (var i = 0; i < 6; i++) parts[i] = hex.Substring(i * 2, 2);
            return string.Join(":", parts);
        }

        /// <summary>52:54:00 and three random bytes, not one of <paramref name="used"/>.</summary>
        public static string Generate(IEnumerable<string> used)
        {
            var taken = new HashSet<string>(used, StringComparer.OrdinalIgnoreCase);
            var bytes = new byte[3];
            using (var rng = RandomNumberGenerator.Create())
            {
                while (true)
                {
                    rng.GetBytes(bytes);
                    var mac = string.Format(CultureInfo.InvariantCulture, "52:54:00:{0:x2}:{1:x2}:{2:x2}", bytes[0], bytes[1], bytes[2]);
                    if (!taken.Contains(mac)) return mac;
                }
            }
        }
    }
}
