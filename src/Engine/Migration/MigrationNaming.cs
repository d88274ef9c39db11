using System;
using System.Text;

namespace Libvirt.Engine.Migration
{
    /// <summary>The rules that derive user-facing names from libvirt keys.</summary>
    public static class MigrationNaming
    {
        private static readonly char[] Separators = { '.', '_' };

        /// <summary>
        /// A parameter's PowerShell name: the key split at '.' and '_', each part with its first letter
        /// upper-cased, joined. migrate_uri → MigrateUri, compression.mt.dthreads → CompressionMtDthreads.
        /// </summary>
        public static string PowerShellName(string key)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("A migration parameter needs a key.", nameof(key));
            var sb = new StringBuilder(key.Length);
            foreach (var part in key.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
                sb.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
            return sb.ToString();
        }

        /// <summary>Words for messages and -WhatIf text: bandwidth.postcopy → "bandwidth postcopy".</summary>
        public static string Label(string key) => string.Join(" ", key.Split(Separators, StringSplitOptions.RemoveEmptyEntries));

        /// <summary>The last part of a key: compression.mt.level → "level".</summary>
        public static string LastPart(string key)
        {
            var parts = key.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            return parts[parts.Length - 1];
        }
    }
}
