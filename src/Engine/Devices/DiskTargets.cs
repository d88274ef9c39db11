using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Libvirt.Engine.Devices
{
    /// <summary>Guest disk names (vda, sdb, hdc): the prefix a bus uses and the next free name, as one picks them for virsh attach-disk.</summary>
    public static class DiskTargets
    {
        private static readonly Regex Valid = new Regex("^(vd|sd|hd|xvd|ubd)[a-z]{1,3}$", RegexOptions.CultureInvariant);

        public static string PrefixFor(string bus) => bus switch
        {
            "virtio" => "vd",
            "ide" => "hd",
            _ => "sd",
        };

        public static void Check(string target)
        {
            if (!Valid.IsMatch(target ?? ""))
                throw new ArgumentException($"'{target}' is not a disk target name such as vdb, sdc or hdd.", nameof(target));
        }

        /// <summary>The first name with the bus's prefix that no disk of the domain uses (vda, vdb, ... vdz, vdaa).</summary>
        public static string NextFree(IEnumerable<string> used, string bus)
        {
            var taken = new HashSet<string>(used, StringComparer.Ordinal);
            var prefix = PrefixFor(bus);
            for (var i = 0; i < 26 * 27; i++)
            {
                var name = prefix + Suffix(i);
                if (!taken.Contains(name)) return name;
            }
            throw new InvalidOperationException("no free disk target");
        }

        /// <summary>0 → a, 25 → z, 26 → aa (libvirt's virDiskNameToIndex, reversed).</summary>
        public static string Suffix(int index)
        {
            var s = "";
            index++;
            while (index > 0)
            {
                index--;
                s = (char)('a' + index % 26) + s;
                index /= 26;
            }
            return s;
        }
    }
}
