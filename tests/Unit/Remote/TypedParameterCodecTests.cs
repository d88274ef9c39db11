using System;
using System.Linq;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Engine.TypedParameters;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    public sealed class TypedParameterCodecTests
    {
        public static TheoryData<string, TypedParameter, string> Arms => new TheoryData<string, TypedParameter, string>
        {
            // field "a" = 00000001 61000000, then the discriminant, then the arm
            { "int", TypedParameter.Int("a", -2), "00000001 fffffffe" },
            { "uint", TypedParameter.UInt("a", 3), "00000002 00000003" },
            { "llong", TypedParameter.LLong("a", -1), "00000003 ffffffffffffffff" },
            { "ullong", TypedParameter.ULLong("a", 1UL << 40), "00000004 0000010000000000" },
            { "double", TypedParameter.Double("a", 1.5), "00000005 3ff8000000000000" },
            { "boolean is an int", TypedParameter.Boolean("a", true), "00000006 00000001" },
            { "string", TypedParameter.String("a", "tcp"), "00000007 00000003 74637000" },
        };

        [Theory]
        [MemberData(nameof(Arms))]
        public void Each_type_has_its_arm(string what, TypedParameter p, string armHex)
        {
            var w = new XdrWriter();
            TypedParameterCodec.Write(w, p);
            Assert.True(Hex.Of(w.ToArray()) == "0000000161000000" + armHex.Replace(" ", ""), what);
            var back = TypedParameterCodec.Read(new XdrReader(w.ToArray()));
            Assert.Equal(p.Field, back.Field);
            Assert.Equal(p.Type, back.Type);
            Assert.Equal(p.Value, back.Value);
        }

        [Fact]
        public void Every_engine_type_has_an_arm()
        {
            Assert.Equal(Enum.GetValues<TypedParameterType>().OrderBy(t => t), TypedParameterCodec.SupportedTypes.OrderBy(t => t));
        }

        [Fact]
        public void Unknown_discriminant_is_a_decode_error()
        {
            var e = Assert.Throws<LibvirtException>(() => TypedParameterCodec.Read(new XdrReader(Hex.Bytes("00000001 61000000 00000009 00000000"))));
            Assert.Contains("unknown type 9", e.Message);
        }

        // Found by ProtocolPropertyTests: a peer's field name the model refuses must be the protocol error,
        // not the model's ArgumentException.
        [Theory]
        [InlineData(80)]
        [InlineData(0)]
        public void A_field_name_libvirt_could_not_hold_is_a_decode_error(int length)
        {
            var w = new XdrWriter();
            w.WriteString(new string('f', length));
            w.WriteInt((int)TypedParameterType.Int);
            w.WriteInt(1);
            var e = Assert.Throws<LibvirtException>(() => TypedParameterCodec.Read(new XdrReader(w.ToArray())));
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.StartsWith("Unable to decode message payload", e.Message);
        }

        [Fact]
        public void Lists_keep_repeated_fields_in_order_and_enforce_the_maximum()
        {
            var list = new TypedParameterList { TypedParameter.String("migrate_disks", "vda"), TypedParameter.String("migrate_disks", "vdb") };
            var w = new XdrWriter();
            TypedParameterCodec.WriteList(w, list, 64);
            var back = TypedParameterCodec.ReadList(new XdrReader(w.ToArray()), 64);
            Assert.Equal(new[] { "vda", "vdb" }, back.FindAll("migrate_disks").Select(p => (string)p.Value));
            Assert.Throws<ArgumentException>(() => TypedParameterCodec.WriteList(new XdrWriter(), list, 1));
        }
    }
}
