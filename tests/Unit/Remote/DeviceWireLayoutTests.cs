using System;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>The device procedures' numbers and layouts (remote_domain_attach_device_flags_args and the rest).</summary>
    public sealed class DeviceWireLayoutTests
    {
        private static readonly DomainIdentity Test = new DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        private const string TestHex = "00000004 74657374 6695eb01f6a4830479aa97f2502e193f 00000001";

        private static string Args<TArgs, TReply>(Drivers.Remote.Rpc.Procedure<TArgs, TReply> p, TArgs args)
        {
            var w = new XdrWriter();
            p.WriteArgs(w, args);
            return Hex.Of(w.ToArray());
        }

        private static string H(string s) => s.Replace(" ", "");

        [Fact]
        public void Every_device_procedure_is_named_by_its_number()
        {
            var seen = 0;
            foreach (var field in typeof(DeviceProcedures).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            {
                dynamic procedure = field.GetValue(null)!;
                Assert.Equal(field.Name, (string)procedure.Name);
                Assert.Equal((int)Enum.Parse<RemoteProcedure>(field.Name), (int)procedure.Number);
                seen++;
            }
            Assert.Equal(7, seen);
        }

        [Theory]
        [InlineData("DomainAttachDeviceFlags", 160)]
        [InlineData("DomainDetachDeviceFlags", 161)]
        [InlineData("DomainUpdateDeviceFlags", 174)]
        [InlineData("DomainGetBlockInfo", 194)]
        [InlineData("DomainBlockResize", 251)]
        [InlineData("DomainInterfaceAddresses", 353)]
        [InlineData("DomainDetachDeviceAlias", 392)]
        public void Device_procedures_carry_libvirts_numbers(string name, int number) => Assert.Equal(number, (int)Enum.Parse<RemoteProcedure>(name));

        [Fact]
        public void Attach_sends_domain_xml_and_the_modify_flags()
        {
            // "<a/>" is 4 bytes, no padding; flags 3 = LIVE | CONFIG.
            Assert.Equal(H(TestHex + " 00000004 3c612f3e 00000003"),
                Args(DeviceProcedures.DomainAttachDeviceFlags, new DomainStringFlags(Test, "<a/>", 3)));
        }

        [Fact]
        public void Block_resize_sends_the_disk_a_hyper_size_and_the_bytes_flag()
        {
            Assert.Equal(H(TestHex + " 00000003 76646100 0000000100000000 00000001"),
                Args(DeviceProcedures.DomainBlockResize, new BlockResizeArgs(Test, "vda", 4294967296UL, 1)));
        }

        [Fact]
        public void Block_info_reply_is_allocation_capacity_physical()
        {
            var r = new XdrReader(Hex.Bytes("0000010000000000 000000ffffb10000 0000010000000000"));
            var info = DeviceProcedures.DomainGetBlockInfo.ReadReply(r);
            r.EnsureFullyRead();
            Assert.Equal((1099506450432UL, 1099511627776UL, 1099511627776UL), (info.Capacity, info.Allocation, info.Physical));
        }

        [Fact]
        public void Interface_addresses_reply_reads_names_optional_mac_and_addresses()
        {
            // one interface "eth0", hwaddr present "52:54:00:aa:00:01" (17 bytes + 3 padding), one address: IPv4 "10.0.0.5"/24.
            var hex = "00000001 00000004 65746830 00000001 00000011 35323a35343a30303a61613a30303a3031 000000" +
                      " 00000001 00000000 00000008 31302e302e302e35 00000018";
            var r = new XdrReader(Hex.Bytes(hex));
            var ifaces = DeviceProcedures.DomainInterfaceAddresses.ReadReply(r);
            r.EnsureFullyRead();
            var i = Assert.Single(ifaces);
            Assert.Equal(("eth0", "52:54:00:aa:00:01"), (i.Name, i.MacAddress));
            var a = Assert.Single(i.Addresses);
            Assert.Equal((0, "10.0.0.5", 24), (a.Type, a.Address, a.Prefix));
        }

        [Fact]
        public void Interface_addresses_asks_one_source()
        {
            Assert.Equal(H(TestHex + " 00000002 00000000"),
                Args(DeviceProcedures.DomainInterfaceAddresses, new DomainSourceFlags(Test, 2, 0)));
        }
    }
}
