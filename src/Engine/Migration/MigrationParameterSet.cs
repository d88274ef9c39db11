using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration.Json;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// The parameters and flags of one migration. Each parameter is either unset or set to a value, so
    /// "not given", 0 and "" stay distinct all the way to the wire. Values are stored in the table's slot
    /// order; every conversion (JSON, typed parameters, parsing) is one loop over the table through the row's
    /// codec.
    /// </summary>
    public sealed class MigrationParameterSet : IEquatable<MigrationParameterSet>
    {
        /// <summary>The key that holds flag names in dictionaries and JSON (no libvirt key is called that).</summary>
        public const string FlagsKey = "Flags";

        private readonly object?[] _values;

        public MigrationParameterSet() : this(MigrationTables.Default) { }

        public MigrationParameterSet(MigrationTables tables)
        {
            Tables = tables ?? throw new ArgumentNullException(nameof(tables));
            _values = new object?[tables.Parameters.Count];
        }

        public MigrationTables Tables { get; }

        /// <summary>The migration flags (virDomainMigrateFlags bits).</summary>
        public uint Flags { get; set; }

        /// <summary>How many parameters are set.</summary>
        public int Count => _values.Count(v => v != null);

        #region Parameters

        /// <summary>Sets a parameter from user input: converted by the row's codec and checked against its range and allowed values.</summary>
        public MigrationParameterSet Set(MigrationParameter parameter, object? value)
        {
            var row = Tables[parameter];
            var converted = row.Codec.Convert(row, value);
            row.Codec.Check(row, converted);
            _values[Tables.IndexOf(parameter)] = converted;
            return this;
        }

        /// <summary>Stores an already-typed value without range checks (values as libvirt returned them).</summary>
        internal void SetRaw(MigrationParameterRow row, object value) => _values[Tables.IndexOf(row.Id)] = value;

        public bool IsSet(MigrationParameter parameter) => _values[Tables.IndexOf(parameter)] != null;

        public bool TryGet(MigrationParameter parameter, out object value)
        {
            value = _values[Tables.IndexOf(parameter)]!;
            return value != null;
        }

        /// <summary>The value (int, uint, ulong, string or string[] per the row), or null when unset.</summary>
        public object? Get(MigrationParameter parameter)
        {
            var v = _values[Tables.IndexOf(parameter)];
            return v is string[] a ? a.Clone() : v;
        }

        /// <summary>The value as <typeparamref name="T"/>, or null when unset.</summary>
        public T? Get<T>(MigrationParameter parameter) where T : struct => _values[Tables.IndexOf(parameter)] is T t ? t : (T?)null;

        public bool Remove(MigrationParameter parameter)
        {
            var i = Tables.IndexOf(parameter);
            var was = _values[i] != null;
            _values[i] = null;
            return was;
        }

        /// <summary>The set parameters with their values, in table order.</summary>
        public IEnumerable<KeyValuePair<MigrationParameterRow, object>> Values
        {
            get
            {
                for (var i = 0; i < _values.Length; i++)
                    if (_values[i] != null) yield return new KeyValuePair<MigrationParameterRow, object>(Tables.Parameters[i], _values[i]!);
            }
        }

        #endregion

        #region Flags

        public bool HasFlag(MigrationFlag flag) => (Flags & (uint)flag) == (uint)flag && flag != MigrationFlag.None;

        public MigrationParameterSet SetFlag(MigrationFlag flag, bool on = true)
        {
            Flags = on ? Flags | (uint)flag : Flags & ~(uint)flag;
            return this;
        }

        /// <summary>Turns a flag on by name, alias or constant (case-insensitive).</summary>
        public MigrationParameterSet SetFlag(string name, bool on = true)
        {
            if (!Tables.TryFindFlag(name, out var row)) throw MigrationErrors.UnknownFlag(name, Tables);
            return SetFlag(row.Id, on);
        }

        /// <summary>The rows of the flags that are on, in table order.</summary>
        public IEnumerable<MigrationFlagRow> FlagRows => Tables.FlagsIn(Flags);

        #endregion

        #region Parse and merge

        /// <summary>
        /// Builds a set from a dictionary (a PowerShell hashtable, or an object's properties): keys are
        /// PowerShell names, aliases, libvirt keys or constants, case-insensitive. A key naming a flag takes a
        /// boolean (a switch); the key "Flags" takes flag names. An unknown key is an error listing the valid
        /// names; a value of the wrong type is an error naming the key and the expected type. Values are
        /// checked against their rows; cross-field rules are checked by <see cref="MigrationValidator"/>.
        /// </summary>
        public static MigrationParameterSet Parse(IDictionary<string, object?> values, MigrationTables? tables = null)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            var set = new MigrationParameterSet(tables ?? MigrationTables.Default);
            var seen = new Dictionary<MigrationParameter, string>();
            foreach (var pair in values)
            {
                if (string.Equals(pair.Key, FlagsKey, StringComparison.OrdinalIgnoreCase))
                {
                    set.Flags |= set.ParseFlagNames(pair.Value);
                }
                else if (set.Tables.TryFindParameter(pair.Key, out var row))
                {
                    var before = set.Get(row.Id);
                    set.Set(row.Id, pair.Value);
                    if (seen.TryGetValue(row.Id, out var earlier) && !row.Codec.ValueEquals(before!, set.Get(row.Id)!))
                        throw MigrationErrors.Create(ErrorCode.InvalidArg,
                            $"parameter '{row.Key}' ({row.Name}) is given twice with different values (as '{earlier}' and '{pair.Key}')", row.Key);
                    seen[row.Id] = pair.Key;
                }
                else if (set.Tables.TryFindFlag(pair.Key, out var flag))
                {
                    set.SetFlag(flag.Id, AsBoolean(flag, pair.Value));
                }
                else
                {
                    throw MigrationErrors.UnknownKey(pair.Key, set.Tables);
                }
            }
            return set;
        }

        private uint ParseFlagNames(object? value)
        {
            var names = value switch
            {
                null => Array.Empty<object>(),
                string s => s.Split(new[] { ',', ' ', '|' }, StringSplitOptions.RemoveEmptyEntries),
                IEnumerable e => e.Cast<object>(),
                _ => throw MigrationErrors.Create(ErrorCode.InvalidArg, $"invalid type '{value.GetType().Name}' for '{FlagsKey}', expected flag names (string[])", FlagsKey),
            };
            uint mask = 0;
            foreach (var n in names)
            {
                if (!(n is string name)) throw MigrationErrors.Create(ErrorCode.InvalidArg, $"invalid flag '{n}' in '{FlagsKey}', expected a flag name", FlagsKey);
                if (!Tables.TryFindFlag(name.Trim(), out var row)) throw MigrationErrors.UnknownFlag(name, Tables);
                mask |= row.Value;
            }
            return mask;
        }

        private static bool AsBoolean(MigrationFlagRow flag, object? value) => value switch
        {
            bool b => b,
            string s when bool.TryParse(s, out var b) => b,
            _ => throw MigrationErrors.Create(ErrorCode.InvalidArg,
                $"invalid type '{value?.GetType().Name ?? "null"}' for flag '{flag.Name}', expected 'bool'", flag.Constant),
        };

        /// <summary>
        /// Combines two sets (explicit parameters and -Parameter, say): flags are united; a parameter set in
        /// both must have the same value, otherwise it is an InvalidArg error naming the key.
        /// </summary>
        public MigrationParameterSet Merge(MigrationParameterSet other)
        {
            if (other == null) throw new ArgumentNullException(nameof(other));
            if (!ReferenceEquals(other.Tables, Tables)) throw new ArgumentException("Cannot merge parameter sets built from different tables.", nameof(other));
            var result = Clone();
            result.Flags |= other.Flags;
            foreach (var pair in other.Values)
            {
                var row = pair.Key;
                if (result.TryGet(row.Id, out var mine) && !row.Codec.ValueEquals(mine, pair.Value))
                    throw MigrationErrors.Create(ErrorCode.InvalidArg,
                        $"parameter '{row.Key}' ({row.Name}) is given twice with different values: '{row.Codec.Format(mine)}' and '{row.Codec.Format(pair.Value)}'", row.Key);
                result.SetRaw(row, pair.Value);
            }
            return result;
        }

        public MigrationParameterSet Clone()
        {
            var copy = new MigrationParameterSet(Tables) { Flags = Flags };
            Array.Copy(_values, copy._values, _values.Length);
            return copy;
        }

        #endregion

        #region JSON

        /// <summary>
        /// Saves the set as a JSON object: "Flags" (flag names) first, then each set parameter under its
        /// libvirt key, in table order. Unset parameters are absent; 0, "" and [] are kept.
        /// </summary>
        public string ToJson(bool indented = true)
        {
            var props = new List<KeyValuePair<string, JsonValue>>();
            if (Flags != 0) props.Add(new KeyValuePair<string, JsonValue>(FlagsKey, JsonValue.Array(FlagNames().Select(JsonValue.String))));
            foreach (var pair in Values)
                props.Add(new KeyValuePair<string, JsonValue>(pair.Key.Key, pair.Key.Codec.ToJson(pair.Value)));
            return JsonValue.Object(props).ToJson(indented);
        }

        private IEnumerable<string> FlagNames()
        {
            foreach (var row in FlagRows) yield return row.Name;
            var unknown = Flags & ~Tables.AllFlagsMask;
            if (unknown != 0) throw MigrationErrors.Create(ErrorCode.InvalidArg, $"unsupported flags (0x{unknown:x}) cannot be saved", FlagsKey);
        }

        /// <summary>Loads a set saved by <see cref="ToJson"/>; also accepts PowerShell names and aliases as keys.</summary>
        public static MigrationParameterSet FromJson(string json, MigrationTables? tables = null)
        {
            JsonValue doc;
            try { doc = JsonValue.Parse(json); }
            catch (FormatException e) { throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, "invalid argument: migration settings are not valid JSON: " + e.Message, e); }
            if (doc.Kind != JsonKind.Object)
                throw MigrationErrors.Create(ErrorCode.InvalidArg, "migration settings must be a JSON object", null);
            var dict = new OrderedPairs();
            foreach (var p in doc.Properties) dict.Add(p.Key, p.Value.ToObject());
            return Parse(dict, tables);
        }

        #endregion

        #region Typed parameters

        /// <summary>The libvirt typed parameters for the wire: one loop over the table, multi-value keys repeated.</summary>
        public TypedParameterList ToTypedParameters()
        {
            var list = new TypedParameterList();
            foreach (var pair in Values) pair.Key.Codec.AddTypedParameters(list, pair.Key.Key, pair.Value);
            return list;
        }

        /// <summary>
        /// Reads typed parameters as libvirt returns them (migration replies, job statistics). Keys this
        /// module does not know are skipped unless <paramref name="strict"/>; values are kept as sent (no range checks).
        /// </summary>
        public static MigrationParameterSet FromTypedParameters(IEnumerable<TypedParameter> parameters, uint flags = 0, MigrationTables? tables = null, bool strict = false)
        {
            var set = new MigrationParameterSet(tables ?? MigrationTables.Default) { Flags = flags };
            var byField = parameters.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<TypedParameter>)g.ToList(), StringComparer.Ordinal);
            foreach (var row in set.Tables.Parameters)
            {
                if (!byField.TryGetValue(row.Key, out var entries)) continue;
                var value = row.Codec.FromTypedParameters(row, entries);
                if (value != null) set.SetRaw(row, value);
            }
            if (strict)
                foreach (var field in byField.Keys)
                    if (!set.Tables.TryFindParameterByKey(field, out _))
                        throw MigrationErrors.Create(ErrorCode.ArgumentUnsupported, $"parameter '{field}' not supported", field);
            return set;
        }

        #endregion

        #region Equality

        public bool Equals(MigrationParameterSet? other)
        {
            if (other is null || !ReferenceEquals(other.Tables, Tables) || other.Flags != Flags) return false;
            for (var i = 0; i < _values.Length; i++)
            {
                var a = _values[i];
                var b = other._values[i];
                if (a == null || b == null) { if (a != b) return false; continue; }
                if (!Tables.Parameters[i].Codec.ValueEquals(a, b)) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is MigrationParameterSet s && Equals(s);

        public override int GetHashCode()
        {
            var h = (int)Flags;
            for (var i = 0; i < _values.Length; i++)
                if (_values[i] != null) h = h * 31 + i;
            return h;
        }

        public override string ToString() => MigrationDescriber.DescribeSettings(this);

        #endregion

        /// <summary>An insertion-ordered dictionary, so JSON keys are applied (and reported) in file order.</summary>
        private sealed class OrderedPairs : IDictionary<string, object?>
        {
            private readonly List<KeyValuePair<string, object?>> _pairs = new List<KeyValuePair<string, object?>>();
            public object? this[string key] { get => _pairs.First(p => p.Key == key).Value; set => Add(key, value); }
            public ICollection<string> Keys => _pairs.Select(p => p.Key).ToList();
            public ICollection<object?> Values => _pairs.Select(p => p.Value).ToList();
            public int Count => _pairs.Count;
            public bool IsReadOnly => false;
            public void Add(string key, object? value)
            {
                if (ContainsKey(key)) throw MigrationErrors.Create(ErrorCode.InvalidArg, $"key '{key}' appears twice in the migration settings", key);
                _pairs.Add(new KeyValuePair<string, object?>(key, value));
            }
            public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);
            public void Clear() => _pairs.Clear();
            public bool Contains(KeyValuePair<string, object?> item) => _pairs.Contains(item);
            public bool ContainsKey(string key) => _pairs.Any(p => p.Key == key);
            public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => _pairs.CopyTo(array, arrayIndex);
            public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _pairs.GetEnumerator();
            public bool Remove(string key) => _pairs.RemoveAll(p => p.Key == key) > 0;
            public bool Remove(KeyValuePair<string, object?> item) => _pairs.Remove(item);
            public bool TryGetValue(string key, out object? value)
            {
                var i = _pairs.FindIndex(p => p.Key == key);
                value = i >= 0 ? _pairs[i].Value : null;
                return i >= 0;
            }
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
