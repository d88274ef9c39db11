using System;
using System.Globalization;

namespace Libvirt.Engine.TypedParameters
{
    /// <summary>
    /// One libvirt typed parameter: a field name, a type and a value of that type. Values are held as the CLR
    /// type that matches the libvirt type exactly (int, uint, long, ulong, double, bool, string), so a
    /// parameter can be written to the wire without guessing.
    /// </summary>
    public sealed class TypedParameter
    {
        private TypedParameter(string field, TypedParameterType type, object value)
        {
            if (string.IsNullOrEmpty(field)) throw new ArgumentException("A typed parameter needs a field name.", nameof(field));
            // libvirt's VIR_TYPED_PARAM_FIELD_LENGTH is 80 bytes including the terminating NUL.
            if (System.Text.Encoding.UTF8.GetByteCount(field) > 79) throw new ArgumentException($"Typed parameter field '{field}' is longer than libvirt allows (79 bytes).", nameof(field));
            Field = field;
            Type = type;
            Value = value;
        }

        public string Field { get; }
        public TypedParameterType Type { get; }
        public object Value { get; }

        public static TypedParameter Int(string field, int value) => new TypedParameter(field, TypedParameterType.Int, value);
        public static TypedParameter UInt(string field, uint value) => new TypedParameter(field, TypedParameterType.UInt, value);
        public static TypedParameter LLong(string field, long value) => new TypedParameter(field, TypedParameterType.LLong, value);
        public static TypedParameter ULLong(string field, ulong value) => new TypedParameter(field, TypedParameterType.ULLong, value);
        public static TypedParameter Double(string field, double value) => new TypedParameter(field, TypedParameterType.Double, value);
        public static TypedParameter Boolean(string field, bool value) => new TypedParameter(field, TypedParameterType.Boolean, value);
        public static TypedParameter String(string field, string value) => new TypedParameter(field, TypedParameterType.String, value ?? throw new ArgumentNullException(nameof(value)));

        /// <summary>The value widened to an unsigned 64-bit number, for the numeric kinds; for statistics readers.</summary>
        public ulong AsUInt64() => Value switch
        {
            int i => (ulong)Math.Max(0, i),
            uint u => u,
            long l => (ulong)Math.Max(0, l),
            ulong ul => ul,
            double d => (ulong)Math.Max(0, d),
            bool b => b ? 1UL : 0UL,
            _ => throw new InvalidOperationException($"Typed parameter '{Field}' is a {Type}, not a number."),
        };

        public override string ToString() =>
            Field + "=" + Convert.ToString(Value, CultureInfo.InvariantCulture) + " (" + Type + ")";
    }
}
