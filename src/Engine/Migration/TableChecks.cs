using System;
using System.Collections.Generic;
using System.Linq;

namespace Libvirt.Engine.Migration
{
    /// <summary>The completeness checks shared by the static tables and by <see cref="MigrationTables"/>.</summary>
    internal static class TableChecks
    {
        /// <summary>
        /// Builds an array indexed by <paramref name="slot"/> holding one row per member of the enum
        /// <typeparamref name="TEnum"/>; throws when a member has no row, has two, or a row names no member.
        /// </summary>
        public static TRow[] IndexByEnum<TEnum, TRow>(IEnumerable<TRow> rows, Func<TRow, TEnum> id, Func<TRow, int> slot, string table)
            where TEnum : struct, Enum
            where TRow : class
        {
            var members = Enum.GetValues(typeof(TEnum)).Cast<TEnum>().Where(e => Convert.ToUInt64(e) != 0 || !IsFlags<TEnum>()).ToList();
            var list = rows.ToList();
            foreach (var row in list)
                if (!Enum.IsDefined(typeof(TEnum), id(row)))
                    throw new InvalidOperationException($"{table}: a row names {id(row)}, which is not a member of {typeof(TEnum).Name}.");
            var size = list.Count == 0 ? 0 : list.Max(slot) + 1;
            var array = new TRow[Math.Max(size, 0)];
            foreach (var row in list)
            {
                var i = slot(row);
                if (array[i] != null) throw new InvalidOperationException($"{table}: two rows for {id(row)}.");
                array[i] = row;
            }
            var missing = members.Where(m => !list.Any(r => EqualityComparer<TEnum>.Default.Equals(id(r), m))).ToList();
            if (missing.Count > 0) throw new InvalidOperationException($"{table}: no row for {string.Join(", ", missing)}.");
            return array;
        }

        private static bool IsFlags<TEnum>() => typeof(TEnum).IsDefined(typeof(FlagsAttribute), false);

        /// <summary>The bit position of a single-bit flag (0 for bit 0x1).</summary>
        public static int BitIndex(uint bit)
        {
            var i = 0;
            while ((bit >>= 1) != 0) i++;
            return i;
        }
    }
}
