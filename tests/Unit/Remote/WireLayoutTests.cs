using System;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>Argument and reply layouts of individual procedures, checked byte for byte against protocol.md.</summary>
    public sealed class WireLayoutTests
    {
        private static readonly DomainIdentity Test = new DomainIdentity("test", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1);
        private const string TestHex = "00000004 74657374 6695eb01f6a4830479aa97f2502e193f 00000001";

        private static string Args<TArgs, TReply>(Procedure<TArgs, TReply> p, TArgs args)
        {
            var w = new XdrWriter();
            p.WriteArgs(w, args);
            return Hex.Of(w.ToArray());
        }

        private static string H(string s) => s.Replace(" ", "");

        /// <summary>Every declaration in Protocol/Procedures: its name is its RemoteProcedure, so its number cannot drift.</summary>
        [Fact]
        public void Every_declared_procedure_is_named_by_its_number_in_the_remote_program()
        {
            var tables = new[] { typeof(ConnectProcedures), typeof(DomainProcedures), typeof(MigrationProcedures), typeof(EventProcedures), typeof(StatsProcedures) };
            var seen = 0;
            foreach (var table in tables)
                foreach (var field in table.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
                {
                    dynamic procedure = field.GetValue(null)!;
                    Assert.Equal(field.Name, (string)procedure.Name);
                    Assert.Equal((int)Enum.Parse<RemoteProcedure>(field.Name), (int)procedure.Number);
                    Assert.Equal(Programs.Remote, (uint)procedure.Program);
                    seen++;
                }
            Assert.True(seen >= 50, $"only {seen} procedures found");
        }

        [Fact]
        public void Set_autostart_layout()
        {
            Assert.Equal(29, DomainProcedures.DomainSetAutostart.Number);
            Assert.Equal(H(TestHex + " 00000001"), Args(DomainProcedures.DomainSetAutostart, new DomainSwitch(Test, true)));
            Assert.Equal(H(TestHex + " 00000000"), Args(DomainProcedures.DomainSetAutostart, new DomainSwitch(Test, false)));
        }

        [Fact]
        public void Procedures_carry_their_libvirt_numbers()
        {
            Assert.Equal(1, ConnectProcedures.ConnectOpen.Number);
            Assert.Equal(273, DomainProcedures.ConnectListAllDomains.Number);
            Assert.Equal(344, DomainProcedures.ConnectGetAllDomainStats.Number);
            Assert.Equal(302, MigrationProcedures.DomainMigrateBegin3Params.Number);
            Assert.Equal(307, MigrationProcedures.DomainMigrateConfirm3Params.Number);
            Assert.Equal(Programs.Remote, DomainProcedures.DomainGetInfo.Program);
        }

        [Fact]
        public void Connect_open_sends_an_optional_name_and_flags()
        {
            Assert.Equal(H("00000001 0000000f 746573743a2f2f2f64656661756c7400 00000001"), Args(ConnectProcedures.ConnectOpen, new ConnectOpenArgs("test:///default", 1u)));
            Assert.Equal(H("00000001 00000000 00000000"), Args(ConnectProcedures.ConnectOpen, new ConnectOpenArgs("", 0u)));
        }

        [Fact]
        public void List_all_domains_asks_for_results_with_flags()
        {
            Assert.Equal(H("00000001 00000400"), Args(DomainProcedures.ConnectListAllDomains, WireFlags.ListAutostart));
            var reply = DomainProcedures.ConnectListAllDomains.ReadReply(new XdrReader(Hex.Bytes("00000001 " + TestHex + " 00000001")));
            Assert.Equal("test", reply.Domains[0].Name);
            Assert.Equal(1u, reply.Count);
        }

        [Fact]
        public void All_domain_stats_with_no_domains_means_every_domain()
        {
            Assert.Equal(H("00000000 0000000f 00000000"), Args(DomainProcedures.ConnectGetAllDomainStats, new AllDomainStatsArgs(Array.Empty<DomainIdentity>(), 15u, 0u)));
            var records = DomainProcedures.ConnectGetAllDomainStats.ReadReply(new XdrReader(Hex.Bytes(
                "00000001 " + TestHex + " 00000001 0000000b 73746174652e7374617465 00 00000001 00000001")));
            Assert.Equal(1, (int)records[0].Stats.Find("state.state")!.Value);
        }

        [Fact]
        public void Node_info_is_160_bytes_with_a_widened_model()
        {
            var model = "";
            foreach (var c in "x86_64") model += "000000" + ((int)c).ToString("x2");
            model += string.Concat(System.Linq.Enumerable.Repeat("00000000", 32 - 6));
            var bytes = Hex.Bytes(model + "0000000001000000 00000010 00000960 00000002 00000002 00000004 00000002");
            Assert.Equal(160, bytes.Length);
            var r = new XdrReader(bytes);
            var info = NodeInfo.Read(r);
            r.EnsureFullyRead();
            Assert.Equal(("x86_64", 16777216UL, 16, 2400), (info.Model, info.MemoryKiB, info.Cpus, info.Mhz));
            Assert.Equal((2, 2, 4, 2), (info.Nodes, info.Sockets, info.Cores, info.Threads));
        }

        [Fact]
        public void Domain_info_is_32_bytes_with_widened_char_and_short()
        {
            var r = new XdrReader(Hex.Bytes("00000003 0000000000100000 0000000000080000 00000002 000000003b9aca00"));
            var info = DomainInfo.Read(r);
            r.EnsureFullyRead();
            Assert.Equal(DomainState.Paused, info.State);
            Assert.Equal(1048576UL, info.MaxMemoryKiB);
            Assert.Equal(524288UL, info.MemoryKiB);
            Assert.Equal(2, info.VirtCpus);
            Assert.Equal(1000000000UL, info.CpuTimeNs);
        }

        [Fact]
        public void Remote_error_decodes_to_the_daemons_code_domain_and_message()
        {
            var bytes = Hex.Bytes(@"
                0000002a 0000000c                     // code 42 NO_DOMAIN, domain 12 TEST
                00000001 00000010 446f6d61696e206e6f7420666f756e64  // message 'Domain not found'
                00000002                              // level ERROR
                00000000                              // dom: absent
                00000001 00000003 78797a00            // str1 'xyz'
                00000000 00000000                     // str2, str3 absent
                ffffffff ffffffff                     // int1, int2
                00000000                              // net: absent");
            var r = new XdrReader(bytes);
            var e = RemoteError.Read(r).ToException();
            r.EnsureFullyRead();
            Assert.Equal(ErrorCode.NoDomain, e.Code);
            Assert.Equal(ErrorDomain.Test, e.Domain);
            Assert.Equal("Domain not found", e.Message);
        }

        [Theory]
        [InlineData(ErrorDomain.Rpc, "unknown procedure: 9999", ErrorCode.NoSupport)]
        [InlineData(ErrorDomain.Remote, "unknown procedure: 9999", ErrorCode.NoSupport)]
        [InlineData(ErrorDomain.Rpc, "authentication required", ErrorCode.Rpc)]
        [InlineData(ErrorDomain.Qemu, "unknown procedure: 9999", ErrorCode.Rpc)]
        public void Unknown_procedure_becomes_no_support_like_libvirts_client(ErrorDomain domain, string message, ErrorCode expected)
        {
            var w = new XdrWriter();
            RemoteError.Create(ErrorCode.Rpc, domain, message).Write(w);
            var e = RemoteError.Read(new XdrReader(w.ToArray())).ToException();
            Assert.Equal(expected, e.Code);
            Assert.Equal(message, e.Message);
        }

        [Fact]
        public void Perform3_params_layout_passes_the_cookie_through()
        {
            var parameters = new TypedParameterList { TypedParameter.String("migrate_uri", "tcp://h:1") };
            var hex = Args(MigrationProcedures.DomainMigratePerform3Params, new MigratePerformArgs(Test, (string?)null, parameters, new byte[] { 0xde, 0xad, 0xbe }, 0xbu));
            Assert.Equal(H(TestHex
                + " 00000000"                                               // dconnuri absent
                + " 00000001 0000000b 6d6967726174655f75726900 00000007 00000009 7463703a2f2f683a31000000"
                + " 00000003 deadbe00"                                      // cookie_in
                + " 0000000b"), hex);                                       // flags
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, MigrationProcedures.DomainMigratePerform3Params.ReadReply(new XdrReader(Hex.Bytes("00000005 0102030405000000"))));
        }

        [Fact]
        public void Finish3_params_layout_and_reply()
        {
            var hex = Args(MigrationProcedures.DomainMigrateFinish3Params, new MigrateFinishArgs(new TypedParameterList(), Array.Empty<byte>(), 1u, true));
            Assert.Equal(H("00000000 00000000 00000001 00000001"), hex);
            var reply = MigrationProcedures.DomainMigrateFinish3Params.ReadReply(new XdrReader(Hex.Bytes(TestHex + " 00000002 abcd0000")));
            Assert.Equal("test", reply.Domain.Name);
            Assert.Equal(new byte[] { 0xab, 0xcd }, reply.Cookie);
        }

        [Fact]
        public void Job_stats_reply_is_type_and_parameters()
        {
            var stats = DomainProcedures.DomainGetJobStats.ReadReply(new XdrReader(Hex.Bytes(
                "00000003 00000001 0000000c 74696d655f656c6170736564 00000004 00000000000003e8")));
            Assert.Equal(3, stats.Type);
            Assert.Equal(1000UL, stats.Stats.Find("time_elapsed")!.AsUInt64());
        }
    }
}
