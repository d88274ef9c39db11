using System;
using System.Collections.Generic;
using System.Globalization;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration.Json;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Migration.Codecs
{
    /// <summary>The shared behaviour of the integer kinds; each subclass fixes the width and the wire type.</summary>
    public abstract class NumberCodec<T> : MigrationValueCodec where T : struct, IComparable<T>
    {
        public override Type ClrType => typeof(T);

        /// <summary>The smallest and largest value of <typeparamref name="T"/>.</summary>
        protected abstract decimal MinValue { get; }
        protected abstract decimal MaxValue { get; }

        protected abstract T FromDecimal(decimal value);
        protected abstract decimal ToDecimal(T value);
        protected abstract TypedParameter Make(string key, T value);

        public override object Convert(MigrationParameterRow row, object? input)
        {
            if (!TryGetDecimal(input, out var d)) throw MigrationErrors.WrongType(row, input);
            if (d < MinValue || d > MaxValue)
                throw MigrationErrors.OutOfRange(row, d, $"of {TypeName} ({MinValue.ToString(CultureInfo.InvariantCulture)}-{MaxValue.ToString(CultureInfo.InvariantCulture)})");
            return FromDecimal(d);
        }

        public override void Check(MigrationParameterRow row, object value)
        {
            var d = ToDecimal((T)value);
            if (row.Range != null && !row.Range.Contains(d)) throw MigrationErrors.OutOfRange(row, d, row.Range.ToString());
        }

        public override JsonValue ToJson(object value) => JsonValue.Number(ToDecimal((T)value));

        public override void AddTypedParameters(TypedParameterList list, string key, object value) => list.Add(Make(key, (T)value));

        public override object? FromTypedParameters(MigrationParameterRow row, IReadOnlyList<TypedParameter> entries)
        {
            if (entries.Count == 0) return null;
            // libvirt reads the first occurrence of a single-value key.
            var p = entries[0];
            if (p.Type == WireType) return (T)p.Value;
            if (p.Type == TypedParameterType.String || p.Type == TypedParameterType.Boolean || !TryGetDecimal(p.Value, out var d) || d < MinValue || d > MaxValue)
                throw MigrationErrors.Create(ErrorCode.InternalError, $"Type mismatch for parameter '{row.Key}': got {p.Type}, expected {WireType}", row.Key);
            return FromDecimal(d);
        }

        public override string Format(object value) => ToDecimal((T)value).ToString(CultureInfo.InvariantCulture);

        public override bool ValueEquals(object a, object b) => ((T)a).Equals((T)b);

        /// <summary>Any .NET integer, an integral floating value, or a string holding an integer.</summary>
        internal static bool TryGetDecimal(object? input, out decimal value)
        {
            value = 0;
            switch (input)
            {
                case null: return false;
                case bool _: return false;
                case sbyte v: value = v; return true;
                case byte v: value = v; return true;
                case short v: value = v; return true;
                case ushort v: value = v; return true;
                case int v: value = v; return true;
                case uint v: value = v; return true;
                case long v: value = v; return true;
                case ulong v: value = v; return true;
                case decimal v: value = v; return decimal.Truncate(v) == v;
                case double v:
                    if (double.IsNaN(v) || double.IsInfinity(v) || Math.Floor(v) != v || Math.Abs(v) > 7.9e28) return false;
                    value = (decimal)v; return true;
                case float v:
                    if (float.IsNaN(v) || float.IsInfinity(v) || Math.Floor(v) != v || Math.Abs(v) > 7.9e28) return false;
                    value = (decimal)v; return true;
                case string s:
                    return decimal.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
                default: return false;
            }
        }
    }

    public sealed class IntCodec : NumberCodec<int>
    {
        public override MigrationValueKind Kind => MigrationValueKind.Int;
        public override string TypeName => "int";
        public override TypedParameterType WireType => TypedParameterType.Int;
        protected override decimal MinValue => int.MinValue;
        protected override decimal MaxValue => int.MaxValue;
        protected override int FromDecimal(decimal value) => (int)value;
        protected override decimal ToDecimal(int value) => value;
        protected override TypedParameter Make(string key, int value) => TypedParameter.Int(key, value);
    }

    public sealed class UIntCodec : NumberCodec<uint>
    {
        public override MigrationValueKind Kind => MigrationValueKind.UInt;
        public override string TypeName => "uint";
        public override TypedParameterType WireType => TypedParameterType.UInt;
        protected override decimal MinValue => uint.MinValue;
        protected override decimal MaxValue => uint.MaxValue;
        protected override uint FromDecimal(decimal value) => (uint)value;
        protected override decimal ToDecimal(uint value) => value;
        protected override TypedParameter Make(string key, uint value) => TypedParameter.UInt(key, value);
    }

    public sealed class ULLongCodec : NumberCodec<ulong>
    {
        public override MigrationValueKind Kind => MigrationValueKind.ULLong;
        public override string TypeName => "ulong";
        public override TypedParameterType WireType => TypedParameterType.ULLong;
        protected override decimal MinValue => ulong.MinValue;
        protected override decimal MaxValue => ulong.MaxValue;
        protected override ulong FromDecimal(decimal value) => (ulong)value;
        protected override decimal ToDecimal(ulong value) => value;
        protected override TypedParameter Make(string key, ulong value) => TypedParameter.ULLong(key, value);
    }
}
