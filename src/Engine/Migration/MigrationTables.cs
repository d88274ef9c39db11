using System;
using System.Collections.Generic;
using System.Linq;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// The parameter and flag tables that every consumer loops over. <see cref="Default"/> holds libvirt's
    /// parameters and flags; tests build other instances (e.g. <c>Default.WithParameter(row)</c>) to prove that
    /// a new row flows through every consumer without code changes. Consumers take an instance and default to
    /// <see cref="Default"/>.
    /// </summary>
    public sealed class MigrationTables
    {
        private readonly MigrationParameterRow[] _parameters;
        private readonly MigrationFlagRow[] _flags;
        private readonly Dictionary<MigrationParameter, int> _parameterIndex = new Dictionary<MigrationParameter, int>();
        private readonly Dictionary<MigrationFlag, MigrationFlagRow> _flagById = new Dictionary<MigrationFlag, MigrationFlagRow>();
        private readonly Dictionary<string, MigrationParameterRow> _parameterByKey = new Dictionary<string, MigrationParameterRow>(StringComparer.Ordinal);
        private readonly Dictionary<string, MigrationParameterRow> _parameterByAnyName = new Dictionary<string, MigrationParameterRow>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, MigrationFlagRow> _flagByAnyName = new Dictionary<string, MigrationFlagRow>(StringComparer.OrdinalIgnoreCase);

        public static MigrationTables Default { get; } = new MigrationTables(MigrationParameterTable.Rows, MigrationFlagTable.Rows);

        /// <summary>
        /// Builds tables from rows; throws when a member of <see cref="MigrationParameter"/> or
        /// <see cref="MigrationFlag"/> has no row or two, when two names collide (case-insensitively, across
        /// parameters and flags, including keys, aliases and constants), or when a rule names a missing row.
        /// Rows for values outside the enums are allowed: that is how tests add synthetic rows.
        /// </summary>
        public MigrationTables(IEnumerable<MigrationParameterRow> parameters, IEnumerable<MigrationFlagRow> flags)
        {
            _parameters = parameters.ToArray();
            _flags = flags.ToArray();

            for (var i = 0; i < _parameters.Length; i++)
            {
                var row = _parameters[i];
                if (_parameterIndex.ContainsKey(row.Id)) throw new InvalidOperationException($"Migration tables: two rows for parameter {row.Id}.");
                _parameterIndex[row.Id] = i;
                if (_parameterByKey.ContainsKey(row.Key)) throw new InvalidOperationException($"Migration tables: two rows for key '{row.Key}'.");
                _parameterByKey[row.Key] = row;
            }
            foreach (var row in _flags)
            {
                if (_flagById.ContainsKey(row.Id)) throw new InvalidOperationException($"Migration tables: two rows for flag bit 0x{row.Value:x}.");
                _flagById[row.Id] = row;
            }

            var missingParameters = Enum.GetValues(typeof(MigrationParameter)).Cast<MigrationParameter>().Where(p => !_parameterIndex.ContainsKey(p)).ToList();
            if (missingParameters.Count > 0) throw new InvalidOperationException("Migration tables: no row for parameter " + string.Join(", ", missingParameters) + ".");
            var missingFlags = Enum.GetValues(typeof(MigrationFlag)).Cast<MigrationFlag>().Where(f => f != MigrationFlag.None && !_flagById.ContainsKey(f)).ToList();
            if (missingFlags.Count > 0) throw new InvalidOperationException("Migration tables: no row for flag " + string.Join(", ", missingFlags) + ".");

            var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in _parameters)
            {
                foreach (var name in new[] { row.Name, row.Key, row.Constant }.Concat(row.Aliases).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    Claim(owners, name, row.Key);
                    _parameterByAnyName[name] = row;
                }
            }
            foreach (var row in _flags)
            {
                foreach (var name in new[] { row.Name, row.Constant }.Concat(row.Aliases).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    Claim(owners, name, row.Constant);
                    _flagByAnyName[name] = row;
                }
            }

            foreach (var (owner, rule) in AllRules())
            {
                foreach (var c in new[] { rule.Condition, rule.When }.Where(c => c != null))
                {
                    foreach (var f in c!.FlagsReferenced)
                        if (!_flagById.ContainsKey(f)) throw new InvalidOperationException($"Migration tables: a rule of {owner} names flag bit 0x{(uint)f:x}, which has no row.");
                    foreach (var p in c.ParametersReferenced)
                        if (!_parameterIndex.ContainsKey(p)) throw new InvalidOperationException($"Migration tables: a rule of {owner} names parameter {p}, which has no row.");
                }
            }

            AllFlagsMask = _flags.Aggregate(0u, (m, f) => m | f.Value);
        }

        private static void Claim(Dictionary<string, string> owners, string name, string owner)
        {
            if (owners.TryGetValue(name, out var other) && other != owner)
                throw new InvalidOperationException($"Migration tables: the name '{name}' is used by both {other} and {owner}.");
            owners[name] = owner;
        }

        private IEnumerable<(string Owner, MigrationRule Rule)> AllRules()
        {
            foreach (var p in _parameters)
            {
                foreach (var r in p.Rules) yield return (p.Key, r);
                foreach (var c in p.Choices)
                    foreach (var r in c.Rules) yield return (p.Key + "=" + c.Value, r);
            }
            foreach (var f in _flags)
                foreach (var r in f.Rules) yield return (f.Constant, r);
        }

        /// <summary>The parameter rows in table order.</summary>
        public IReadOnlyList<MigrationParameterRow> Parameters => _parameters;

        /// <summary>The flag rows in table order.</summary>
        public IReadOnlyList<MigrationFlagRow> Flags => _flags;

        /// <summary>Every flag bit the tables know.</summary>
        public uint AllFlagsMask { get; }

        public MigrationParameterRow this[MigrationParameter id] =>
            _parameterIndex.TryGetValue(id, out var i) ? _parameters[i] : throw new ArgumentOutOfRangeException(nameof(id), id, "No such migration parameter in these tables.");

        public MigrationFlagRow this[MigrationFlag id] =>
            _flagById.TryGetValue(id, out var row) ? row : throw new ArgumentOutOfRangeException(nameof(id), id, "No such migration flag in these tables.");

        /// <summary>The position of a parameter's row (the slot of its value in a parameter set).</summary>
        internal int IndexOf(MigrationParameter id) =>
            _parameterIndex.TryGetValue(id, out var i) ? i : throw new ArgumentOutOfRangeException(nameof(id), id, "No such migration parameter in these tables.");

        /// <summary>Finds a parameter by PowerShell name, alias, libvirt key or constant, case-insensitively.</summary>
        public bool TryFindParameter(string name, out MigrationParameterRow row) => _parameterByAnyName.TryGetValue(name ?? "", out row!);

        /// <summary>Finds a parameter by its exact libvirt key (typed parameters as libvirt sends them).</summary>
        public bool TryFindParameterByKey(string key, out MigrationParameterRow row) => _parameterByKey.TryGetValue(key ?? "", out row!);

        /// <summary>Finds a flag by name, alias or constant, case-insensitively.</summary>
        public bool TryFindFlag(string name, out MigrationFlagRow row) => _flagByAnyName.TryGetValue(name ?? "", out row!);

        /// <summary>A copy of these tables with one more parameter row.</summary>
        public MigrationTables WithParameter(MigrationParameterRow row) => new MigrationTables(_parameters.Concat(new[] { row }), _flags);

        /// <summary>A copy of these tables with one more flag row.</summary>
        public MigrationTables WithFlag(MigrationFlagRow row) => new MigrationTables(_parameters, _flags.Concat(new[] { row }));

        /// <summary>The rows of the flags set in <paramref name="mask"/>, in table order.</summary>
        public IEnumerable<MigrationFlagRow> FlagsIn(uint mask) => _flags.Where(f => (mask & f.Value) != 0);
    }
}
