using System;
using System.Collections.Generic;

namespace Libvirt.Engine.Migration
{
    /// <summary>Everything the module knows about one migration flag (virDomainMigrateFlags member).</summary>
    public sealed class MigrationFlagRow
    {
        public MigrationFlagRow(
            MigrationFlag id,
            string constant,
            string since,
            string summary,
            string description,
            MigrationRule[]? rules = null,
            string[]? aliases = null,
            string? name = null)
        {
            var bits = (uint)id;
            if (bits == 0 || (bits & (bits - 1)) != 0) throw new ArgumentException($"Migration flag row {id} must be exactly one bit.", nameof(id));
            Id = id;
            Constant = constant ?? throw new ArgumentNullException(nameof(constant));
            Since = Version.Parse(since);
            Summary = summary ?? throw new ArgumentNullException(nameof(summary));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Rules = rules ?? Array.Empty<MigrationRule>();
            Aliases = aliases ?? Array.Empty<string>();
            Name = name ?? (Enum.IsDefined(typeof(MigrationFlag), id) ? id.ToString() : throw new ArgumentException("A flag row for a bit outside the enum needs a name.", nameof(name)));
        }

        public MigrationFlag Id { get; }

        /// <summary>The PowerShell name (the enum member's name).</summary>
        public string Name { get; }

        /// <summary>The libvirt constant, e.g. "VIR_MIGRATE_PEER2PEER".</summary>
        public string Constant { get; }

        /// <summary>The flag's bit.</summary>
        public uint Value => (uint)Id;

        public Version Since { get; }

        /// <summary>A few words for -WhatIf text: "persist on destination".</summary>
        public string Summary { get; }

        public string Description { get; }

        public IReadOnlyList<MigrationRule> Rules { get; }

        public IReadOnlyList<string> Aliases { get; }

        public override string ToString() => Name;
    }
}
