using System;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    public sealed class XdrTests
    {
        private static string Encode(Action<XdrWriter> write)
        {
            var w = new XdrWriter(4);
            write(w);
            return Hex.Of(w.ToArray());
        }

        [Fact]
        public void Integers_are_big_endian_words()
        {
            Assert.Equal("00000001" + "ffffffff" + "fffffffe", Encode(w => { w.WriteInt(1); w.WriteInt(-1); w.WriteUInt(0xfffffffe); }));
            Assert.Equal("0000000100000002" + "ffffffffffffffff", Encode(w => { w.WriteUHyper(0x100000002); w.WriteHyper(-1); }));
            var r = new XdrReader(Hex.Bytes("ffffffff 0000000100000002 ffffffffffffff85"));
            Assert.Equal(-1, r.ReadInt());
            Assert.Equal(0x100000002UL, r.ReadUHyper());
            Assert.Equal(-123L, r.ReadHyper());
            r.EnsureFullyRead();
        }

        [Fact]
        public void Double_is_ieee754_big_endian()
        {
            Assert.Equal("3ff8000000000000", Encode(w => w.WriteDouble(1.5)));
            Assert.Equal(1.5, new XdrReader(Hex.Bytes("3ff8000000000000")).ReadDouble());
        }

        [Fact]
        public void Bool_is_a_word_and_any_nonzero_word_reads_true()
        {
            Assert.Equal("00000001" + "00000000", Encode(w => { w.WriteBool(true); w.WriteBool(false); }));
            // go-libvirt writes optional flags as 01 00 00 00; libtirpc accepts it, so do we.
            Assert.True(new XdrReader(Hex.Bytes("01000000")).ReadBool());
        }

        [Fact]
        public void Strings_have_a_length_and_zero_padding_without_nul()
        {
            Assert.Equal("00000003 61626300".Replace(" ", ""), Encode(w => w.WriteString("abc")));
            Assert.Equal("00000004 74657374".Replace(" ", ""), Encode(w => w.WriteString("test")));
            Assert.Equal("00000000", Encode(w => w.WriteString("")));
            Assert.Equal("00000002 c3a90000".Replace(" ", ""), Encode(w => w.WriteString("é")));
            var r = new XdrReader(Hex.Bytes("00000003 61626300 00000000"));
            Assert.Equal("abc", r.ReadString());
            Assert.Equal("", r.ReadString());
        }

        [Fact]
        public void Optional_string_is_a_flag_then_the_string()
        {
            Assert.Equal("00000000", Encode(w => w.WriteOptionalString(null)));
            Assert.Equal("00000001 00000001 78000000".Replace(" ", ""), Encode(w => w.WriteOptionalString("x")));
            var r = new XdrReader(Hex.Bytes("00000000 00000001 00000001 78000000"));
            Assert.Null(r.ReadOptionalString());
            Assert.Equal("x", r.ReadOptionalString());
        }

        [Fact]
        public void Opaque_variable_and_fixed()
        {
            Assert.Equal("00000005 0102030405000000".Replace(" ", ""), Encode(w => w.WriteOpaque(new byte[] { 1, 2, 3, 4, 5 }, 16)));
            Assert.Equal("010203 00".Replace(" ", ""), Encode(w => w.WriteFixedOpaque(new byte[] { 1, 2, 3 }, 3)));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, new XdrReader(Hex.Bytes("00000005 0102030405000000")).ReadOpaque(16));
            Assert.Throws<ArgumentException>(() => new XdrWriter().WriteOpaque(new byte[17], 16));
        }

        [Fact]
        public void Chars_are_widened_to_sign_extended_words()
        {
            // rpcgen encodes char x<N> as one 4-byte int per byte: 0xC8 becomes ffffffc8.
            Assert.Equal("00000002 00000041 ffffffc8".Replace(" ", ""), Encode(w => w.WriteWidenedChars(new byte[] { 0x41, 0xc8 }, 65536)));
            Assert.Equal(new byte[] { 0x41, 0xc8 }, new XdrReader(Hex.Bytes("00000002 00000041 ffffffc8")).ReadWidenedChars(65536));
        }

        [Fact]
        public void Fixed_char_array_reads_up_to_the_nul()
        {
            var bytes = new byte[32 * 4];
            var model = "x86_64";
            for (var i = 0; i < model.Length; i++) bytes[i * 4 + 3] = (byte)model[i];
            var r = new XdrReader(bytes);
            Assert.Equal("x86_64", r.ReadFixedWidenedCharString(32));
            Assert.Equal(0, r.Remaining);
        }

        [Fact]
        public void Arrays_have_a_count_and_enforce_their_maximum()
        {
            Assert.Equal("00000002 00000007 00000008".Replace(" ", ""), Encode(w => w.WriteArray(new[] { 7, 8 }, 2, (x, v) => x.WriteInt(v))));
            Assert.Throws<ArgumentException>(() => new XdrWriter().WriteArray(new[] { 1, 2, 3 }, 2, (x, v) => x.WriteInt(v)));
            var e = Assert.Throws<LibvirtException>(() => new XdrReader(Hex.Bytes("00000003 00000001 00000002 00000003")).ReadArray(2, x => x.ReadInt()));
            Assert.Equal(ErrorCode.Rpc, e.Code);
        }

        [Fact]
        public void A_count_larger_than_the_packet_is_refused_before_allocating()
        {
            // 0x0fffffff elements would be a 1 GiB array; the reader refuses because the packet is 4 bytes long.
            var e = Assert.Throws<LibvirtException>(() => new XdrReader(Hex.Bytes("0fffffff")).ReadArray(int.MaxValue, x => x.ReadInt()));
            Assert.Contains("does not fit", e.Message);
            Assert.Throws<LibvirtException>(() => new XdrReader(Hex.Bytes("7fffffff")).ReadOpaque(int.MaxValue));
            Assert.Throws<LibvirtException>(() => new XdrReader(Hex.Bytes("00400001")).ReadString());
        }

        [Fact]
        public void Truncated_input_is_a_decode_error()
        {
            var e = Assert.Throws<LibvirtException>(() => new XdrReader(Hex.Bytes("000000")).ReadInt());
            Assert.Equal(ErrorCode.Rpc, e.Code);
            Assert.Equal(ErrorDomain.Rpc, e.Domain);
            Assert.Throws<LibvirtException>(() => new XdrReader(Hex.Bytes("00000005 6162")).ReadString());
        }

        [Fact]
        public void Uuid_is_sixteen_raw_bytes_in_text_order()
        {
            var uuid = Guid.Parse("0a0b0c0d-1111-2222-3333-444455556666");
            Assert.Equal("0a0b0c0d111122223333444455556666", Encode(w => w.WriteUuid(uuid)));
            Assert.Equal(uuid, new XdrReader(Hex.Bytes("0a0b0c0d111122223333444455556666")).ReadUuid());
        }

        [Fact]
        public void Domain_identity_is_name_uuid_id()
        {
            var d = new Libvirt.Engine.Model.DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), -1);
            var w = new XdrWriter();
            DomainIdentityCodec.Write(w, d);
            Assert.Equal("00000004 74657374 6695eb01f6a4830479aa97f2502e193f ffffffff".Replace(" ", ""), Hex.Of(w.ToArray()));
            var back = DomainIdentityCodec.Read(new XdrReader(w.ToArray()));
            Assert.Equal((d.Name, d.Uuid, d.Id), (back.Name, back.Uuid, back.Id));
        }
    }
}
