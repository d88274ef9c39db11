using System;
using System.Collections.Generic;
using Libvirt.Engine.Migration.Codecs;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// Everything the module knows about one migration typed parameter. Every consumer (parsing, JSON, typed
    /// parameters, validation, -WhatIf text, dynamic parameters, listings, help) reads these columns; none
    /// names a parameter.
    /// </summary>
    public sealed class MigrationParameterRow
    {
        public MigrationParameterRow(
            MigrationParameter id,
            string key,
            string constant,
            MigrationValueKind kind,
            string since,
            string description,
            string? unit = null,
            MigrationRange? range = null,
            MigrationChoice[]? choices = null,
            string? choiceNoun = null,
            MigrationRule[]? rules = null,
            string[]? aliases = null)
        {
            Id = id;
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Constant = constant ?? throw new ArgumentNullException(nameof(constant));
            Kind = kind;
            Since = Version.Parse(since);
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Unit = unit;
            Range = range;
            Choices = choices ?? Array.Empty<MigrationChoice>();
            ChoiceNoun = choiceNoun ?? "value";
            Rules = rules ?? Array.Empty<MigrationRule>();
            Aliases = aliases ?? Array.Empty<string>();
            Name = MigrationNaming.PowerShellName(key);
            Codec = MigrationCodecs.For(kind);
        }

        /// <summary>The enum member this row describes.</summary>
        public MigrationParameter Id { get; }

        /// <summary>The libvirt key, e.g. "compression.mt.level".</summary>
        public string Key { get; }

        /// <summary>The libvirt macro, e.g. "VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL".</summary>
        public string Constant { get; }

        public MigrationValueKind Kind { get; }

        /// <summary>The libvirt release that added the key.</summary>
        public Version Since { get; }

        public string Description { get; }

        /// <summary>"MiB/s", "bytes", "percent", … or null.</summary>
        public string? Unit { get; }

        public MigrationRange? Range { get; }

        /// <summary>The allowed values of a string or string-list parameter; empty means any value.</summary>
        public IReadOnlyList<MigrationChoice> Choices { get; }

        /// <summary>What one value is called in messages ("compression method").</summary>
        public string ChoiceNoun { get; }

        public IReadOnlyList<MigrationRule> Rules { get; }

        /// <summary>Friendlier names accepted wherever <see cref="Name"/> is.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The PowerShell name, derived from the key.</summary>
        public string Name { get; }

        /// <summary>The one codec of this row's value kind.</summary>
        public MigrationValueCodec Codec { get; }

        /// <summary>The .NET type of the value (int, uint, ulong, string, string[]).</summary>
        public Type ClrType => Codec.ClrType;

        public bool IsMultiValue => Codec.IsMultiValue;

        public MigrationChoice? FindChoice(string value)
        {
            foreach (var c in Choices)
                if (string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase)) return c;
            return null;
        }

        public override string ToString() => Key;
    }
}
