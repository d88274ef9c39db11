using System;
using System.Collections.Generic;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Remote.Xdr
{
    /// <summary>
    /// remote_typed_param: <c>string field; union switch (int type) { ... } value;</c>. Each discriminant has
    /// one arm codec in <see cref="Arms"/>; adding a type is one row.
    /// </summary>
    internal static class TypedParameterCodec
    {
        private sealed class Arm
        {
            public Arm(Action<XdrWriter, object> write, Func<string, XdrReader, TypedParameter> read) { Write = write; Read = read; }
            public Action<XdrWriter, object> Write { get; }
            public Func<string, XdrReader, TypedParameter> Read { get; }
        }

        private static readonly Dictionary<TypedParameterType, Arm> Arms = new Dictionary<TypedParameterType, Arm>
        {
            [TypedParameterType.Int] = new Arm((w, v) => w.WriteInt((int)v), (f, r) => TypedParameter.Int(f, r.ReadInt())),
            [TypedParameterType.UInt] = new Arm((w, v) => w.WriteUInt((uint)v), (f, r) => TypedParameter.UInt(f, r.ReadUInt())),
            [TypedParameterType.LLong] = new Arm((w, v) => w.WriteHyper((long)v), (f, r) => TypedParameter.LLong(f, r.ReadHyper())),
            [TypedParameterType.ULLong] = new Arm((w, v) => w.WriteUHyper((ulong)v), (f, r) => TypedParameter.ULLong(f, r.ReadUHyper())),
            [TypedParameterType.Double] = new Arm((w, v) => w.WriteDouble((double)v), (f, r) => TypedParameter.Double(f, r.ReadDouble())),
            // libvirt sends booleans as a 4-byte int, not as XDR bool; the value is the same word.
            [TypedParameterType.Boolean] = new Arm((w, v) => w.WriteInt((bool)v ? 1 : 0), (f, r) => TypedParameter.Boolean(f, r.ReadInt() != 0)),
            [TypedParameterType.String] = new Arm((w, v) => w.WriteString((string)v), (f, r) => TypedParameter.String(f, r.ReadString())),
        };

        /// <summary>Every discriminant the codec knows; a test checks this covers the enum.</summary>
        public static IEnumerable<TypedParameterType> SupportedTypes => Arms.Keys;

        public static void Write(XdrWriter w, TypedParameter p)
        {
            w.WriteString(p.Field);
            w.WriteInt((int)p.Type);
            ArmFor(p.Type).Write(w, p.Value);
        }

        /// <summary>VIR_TYPED_PARAM_FIELD_LENGTH (80) less the C string's NUL: what a field can hold.</summary>
        private const int FieldMax = 79;

        public static TypedParameter Read(XdrReader r)
        {
            // Checked here, so a peer's bad field is the protocol error, not the model's ArgumentException.
            var field = r.ReadString(FieldMax);
            if (field.Length == 0) throw XdrReader.Malformed("typed parameter with an empty field name");
            var type = r.ReadInt();
            if (!Arms.TryGetValue((TypedParameterType)type, out var arm))
                throw XdrReader.Malformed($"typed parameter '{field}' has unknown type {type}");
            return arm.Read(field, r);
        }

        public static void WriteList(XdrWriter w, TypedParameterList list, int max) => w.WriteArray(list, max, Write);

        public static TypedParameterList ReadList(XdrReader r, int max) => new TypedParameterList(r.ReadArray(max, Read));

        private static Arm ArmFor(TypedParameterType type) =>
            Arms.TryGetValue(type, out var arm) ? arm : throw new ArgumentOutOfRangeException(nameof(type), type, "No XDR arm for this typed parameter type.");
    }
}
