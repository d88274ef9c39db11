using System;
using System.Collections.Generic;
using System.Linq;

namespace Libvirt.Engine.Migration
{
    /// <summary>What kind of row a catalog entry describes.</summary>
    public enum MigrationCatalogKind
    {
        Parameter,
        Flag,
    }

    /// <summary>One row of the tables as users see it (what Get-VMMigrationParameter lists).</summary>
    public sealed class MigrationCatalogEntry
    {
        internal MigrationCatalogEntry(MigrationCatalogKind kind, string name, string constant, string? key, uint? value, string type,
            Version since, string description, string? unit, string? allowed, IReadOnlyList<string> aliases, IReadOnlyList<string> rules, string help)
        {
            Kind = kind; Name = name; Constant = constant; Key = key; Value = value; Type = type; Since = since;
            Description = description; Unit = unit; Allowed = allowed; Aliases = aliases; Rules = rules; Help = help;
        }

        public MigrationCatalogKind Kind { get; }
        public string Name { get; }
        public string Constant { get; }
        /// <summary>The libvirt key (parameters only).</summary>
        public string? Key { get; }
        /// <summary>The flag's bit (flags only).</summary>
        public uint? Value { get; }
        /// <summary>"int", "ulong", "string", "string[]" for parameters; "switch" for flags.</summary>
        public string Type { get; }
        public Version Since { get; }
        public string Description { get; }
        public string? Unit { get; }
        /// <summary>The range ("0-9") or the allowed values ("xbzrle, mt, zlib, zstd").</summary>
        public string? Allowed { get; }
        public IReadOnlyList<string> Aliases { get; }
        public IReadOnlyList<string> Rules { get; }
        public string Help { get; }

        public override string ToString() => Name;
    }

    /// <summary>Lists the tables: parameters first, then flags, each in table order.</summary>
    public static class MigrationCatalog
    {
        public static IEnumerable<MigrationCatalogEntry> List(MigrationTables? tables = null)
        {
            tables ??= MigrationTables.Default;
            foreach (var p in tables.Parameters)
            {
                var allowed = p.Range?.ToString() ?? (p.Choices.Count > 0 ? string.Join(", ", p.Choices.Select(c => c.Value)) : null);
                var rules = p.Rules.Select(r => r.Describe(tables))
                    .Concat(p.Choices.SelectMany(c => c.Rules.Select(r => c.Value + ": " + r.Describe(tables)))).ToList();
                yield return new MigrationCatalogEntry(MigrationCatalogKind.Parameter, p.Name, p.Constant, p.Key, null, p.Codec.TypeName,
                    p.Since, p.Description, p.Unit, allowed, p.Aliases, rules, MigrationDescriber.HelpText(p, tables));
            }
            foreach (var f in tables.Flags)
            {
                yield return new MigrationCatalogEntry(MigrationCatalogKind.Flag, f.Name, f.Constant, null, f.Value, "switch",
                    f.Since, f.Description, null, null, f.Aliases, f.Rules.Select(r => r.Describe(tables)).ToList(), MigrationDescriber.HelpText(f, tables));
            }
        }
    }
}
