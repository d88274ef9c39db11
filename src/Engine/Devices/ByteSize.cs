using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Libvirt.Engine.Devices
{
    /// <summary>
    /// Sizes as users type them: a plain number is bytes (so PowerShell's 20GB works), or a number with a unit
    /// as virsh takes them (K, KiB = 1024; KB = 1000; M, MiB, MB; G, GiB, GB; T, TiB, TB).
    /// </summary>
    public static class ByteSize
    {
        private static readonly Regex Form = new Regex(@"^\s*(\d+)\s*([a-zA-Z]*)\s*$", RegexOptions.CultureInvariant);

        public static ulong Parse(string text)
        {
            var m = Form.Match(text ?? "");
            if (!m.Success || !ulong.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new ArgumentException($"'{text}' is not a size such as 20GiB, 512M or 10737418240.", "size");
            var factor = Factor(m.Groups[2].Value) ?? throw new ArgumentException($"'{m.Groups[2].Value}' in '{text}' is not a size unit (B, K, KiB, KB, M, MiB, MB, G, GiB, GB, T, TiB, TB).", "size");
            try { return checked(n * factor); }
            catch (OverflowException) { throw new ArgumentException($"'{text}' is too large.", "size"); }
        }

        private static ulong? Factor(string unit)
        {
            if (unit.Length == 0 || unit.Equals("b", StringComparison.OrdinalIgnoreCase) || unit.Equals("bytes", StringComparison.OrdinalIgnoreCase)) return 1;
            var power = "kmgtpe".IndexOf(char.ToLowerInvariant(unit[0]));
            if (power < 0) return null;
            var rest = unit.Substring(1);
            ulong b;
            if (rest.Length == 0 || rest.Equals("ib", StringComparison.OrdinalIgnoreCase)) b = 1024;
            else if (rest.Equals("b", StringComparison.OrdinalIgnoreCase)) b = 1000;
            else return null;
            ulong f = 1;
            for (var i = 0; i <= power; i++) f *= b;
            return f;
        }
    }
}
