using System;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Model;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>Layouts of the configuration and snapshot procedures, byte for byte (libvirt's remote_protocol.x).</summary>
    public sealed class ConfigSnapshotWireTests
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

        [Fact]
        public void Every_declaration_is_named_by_its_number()
        {
            var seen = 0;
            foreach (var table in new[] { typeof(DomainConfigProcedures), typeof(SnapshotProcedures) })
                foreach (var field in table.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
                {
                    dynamic procedure = field.GetValue(null)!;
                    Assert.Equal(field.Name, (string)procedure.Name);
                    Assert.Equal((int)Enum.Parse<RemoteProcedure>(field.Name), (int)procedure.Number);
                    seen++;
                }
            Assert.Equal(16, seen);
        }

        [Fact]
        public void Numbers_are_libvirts()
        {
            Assert.Equal(17, DomainConfigProcedures.DomainGetMaxMemory.Number);
            Assert.Equal(199, DomainConfigProcedures.DomainSetVcpusFlags.Number);
            Assert.Equal(200, DomainConfigProcedures.DomainGetVcpusFlags.Number);
            Assert.Equal(204, DomainConfigProcedures.DomainSetMemoryFlags.Number);
            Assert.Equal(264, DomainConfigProcedures.DomainSetMetadata.Number);
            Assert.Equal(265, DomainConfigProcedures.DomainGetMetadata.Number);
            Assert.Equal(358, DomainConfigProcedures.DomainRename.Number);
            Assert.Equal(185, SnapshotProcedures.DomainSnapshotCreateXml.Number);
            Assert.Equal(186, SnapshotProcedures.DomainSnapshotGetXmlDesc.Number);
            Assert.Equal(189, SnapshotProcedures.DomainSnapshotLookupByName.Number);
            Assert.Equal(191, SnapshotProcedures.DomainSnapshotCurrent.Number);
            Assert.Equal(192, SnapshotProcedures.DomainRevertToSnapshot.Number);
            Assert.Equal(193, SnapshotProcedures.DomainSnapshotDelete.Number);
            Assert.Equal(244, SnapshotProcedures.DomainSnapshotGetParent.Number);
            Assert.Equal(271, SnapshotProcedures.DomainSnapshotIsCurrent.Number);
            Assert.Equal(274, SnapshotProcedures.DomainListAllSnapshots.Number);
        }

        [Fact]
        public void Set_vcpus_and_memory_layouts()
        {
            Assert.Equal(H(TestHex + " 00000003 00000002"), Args(DomainConfigProcedures.DomainSetVcpusFlags, new DomainCount(Test, 3, 2)));
            Assert.Equal(H(TestHex + " 0000000000100000 00000006"), Args(DomainConfigProcedures.DomainSetMemoryFlags, new DomainMemory(Test, 1048576, 6)));
        }

        [Fact]
        public void Metadata_layouts_have_null_key_and_uri()
        {
            // type 1 (title); metadata present "ab"; key and uri absent; flags 1 (live).
            Assert.Equal(H(TestHex + " 00000001 00000001 00000002 61620000 00000000 00000000 00000001"),
                Args(DomainConfigProcedures.DomainSetMetadata, new SetMetadataArgs(Test, 1, "ab", 1)));
            // Removing: metadata absent.
            Assert.Equal(H(TestHex + " 00000000 00000000 00000000 00000000 00000000"),
                Args(DomainConfigProcedures.DomainSetMetadata, new SetMetadataArgs(Test, 0, null, 0)));
            Assert.Equal(H(TestHex + " 00000000 00000000 00000002"), Args(DomainConfigProcedures.DomainGetMetadata, new GetMetadataArgs(Test, 0, 2)));
        }

        [Fact]
        public void Rename_layout_has_an_optional_name_and_flags()
        {
            Assert.Equal(H(TestHex + " 00000001 00000002 78790000 00000000"), Args(DomainConfigProcedures.DomainRename, new RenameArgs(Test, "xy")));
        }

        [Fact]
        public void Snapshot_identity_is_name_then_domain()
        {
            var snap = new SnapshotIdentity(Test, "s1");
            Assert.Equal(H("00000002 73310000 " + TestHex + " 00000001"), Args(SnapshotProcedures.DomainSnapshotDelete, new SnapshotAndFlags(snap, 1)));
            Assert.Equal(H(TestHex + " 00000002 73310000 00000000"), Args(SnapshotProcedures.DomainSnapshotLookupByName, snap));
            Assert.Equal(H(TestHex + " 00000001 00000000"), Args(SnapshotProcedures.DomainListAllSnapshots, new DomainAndFlags(Test, 0)));
            Assert.Equal(H(TestHex + " 00000003 3c643e00 00000050"), Args(SnapshotProcedures.DomainSnapshotCreateXml, new SnapshotCreateArgs(Test, "<d>", 80)));
        }

        [Fact]
        public void List_all_snapshots_reply_reads_the_snapshots_and_the_count()
        {
            var reply = Hex.Bytes("00000001 00000002 73310000 " + TestHex + " 00000001");
            var list = SnapshotProcedures.DomainListAllSnapshots.ReadReply(new XdrReader(reply));
            Assert.Single(list);
            Assert.Equal("s1", list[0].Name);
            Assert.Equal(Test.Uuid, list[0].Domain.Uuid);
        }
    }
}
