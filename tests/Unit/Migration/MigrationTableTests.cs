using System;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Xunit;

namespace Libvirt.Tests.Unit.Migration
{
    public class MigrationTableTests
    {
        [Fact]
        public void EveryParameterMemberHasExactlyOneRowThatNamesIt()
        {
            var members = Enum.GetValues(typeof(MigrationParameter)).Cast<MigrationParameter>().ToList();
            Assert.Equal(members.Count, MigrationParameterTable.Rows.Count);
            foreach (var m in members)
            {
                Assert.Equal(m, MigrationParameterTable.Get(m).Id);
                Assert.Single(MigrationParameterTable.Rows, r => r.Id == m);
                Assert.Same(MigrationParameterTable.Get(m), MigrationTables.Default[m]);
            }
        }

        [Fact]
        public void EveryFlagMemberHasExactlyOneRowThatNamesIt()
        {
            var members = Enum.GetValues(typeof(MigrationFlag)).Cast<MigrationFlag>().Where(f => f != MigrationFlag.None).ToList();
            Assert.Equal(21, members.Count);
            Assert.Equal(members.Count, MigrationFlagTable.Rows.Count);
            foreach (var m in members)
            {
                Assert.Equal(m, MigrationFlagTable.Get(m).Id);
                Assert.Single(MigrationFlagTable.Rows, r => r.Id == m);
                Assert.Equal(m.ToString(), MigrationFlagTable.Get(m).Name);
                Assert.Equal((uint)m, MigrationFlagTable.Get(m).Value);
            }
        }

        [Theory]
        [InlineData("migrate_uri", "MigrateUri")]
        [InlineData("compression.mt.dthreads", "CompressionMtDthreads")]
        [InlineData("bandwidth.postcopy", "BandwidthPostcopy")]
        [InlineData("bandwidth.avail.switchover", "BandwidthAvailSwitchover")]
        [InlineData("migrate_disks_detect_zeroes", "MigrateDisksDetectZeroes")]
        [InlineData("tls.destination", "TlsDestination")]
        [InlineData("bandwidth", "Bandwidth")]
        public void PowerShellNameIsDerivedFromTheKey(string key, string name) =>
            Assert.Equal(name, MigrationNaming.PowerShellName(key));

        [Fact]
        public void EveryEnumMemberIsTheDerivedNameOfItsKey()
        {
            foreach (var row in MigrationParameterTable.Rows)
            {
                Assert.Equal(row.Id.ToString(), row.Name);
                Assert.Equal(MigrationNaming.PowerShellName(row.Key), row.Name);
            }
        }

        [Fact]
        public void ConstantsFollowLibvirtsNaming()
        {
            Assert.All(MigrationParameterTable.Rows, r => Assert.StartsWith("VIR_MIGRATE_PARAM_", r.Constant));
            Assert.All(MigrationFlagTable.Rows, r => Assert.StartsWith("VIR_MIGRATE_", r.Constant));
            Assert.All(MigrationFlagTable.Rows, r => Assert.DoesNotContain("PARAM", r.Constant));
        }

        [Fact]
        public void EveryRowIsDescribed()
        {
            Assert.All(MigrationParameterTable.Rows, r => Assert.EndsWith(".", r.Description));
            Assert.All(MigrationFlagTable.Rows, r => Assert.EndsWith(".", r.Description));
            Assert.All(MigrationFlagTable.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));
        }

        // libvirt's keys, typed-parameter types and releases (libvirt-domain.h; protocol.md §6.2).
        public static IEnumerable<object[]> ExpectedParameters() => new[]
        {
            new object[] { "migrate_uri", "VIR_MIGRATE_PARAM_URI", MigrationValueKind.String, "1.1.0" },
            new object[] { "destination_name", "VIR_MIGRATE_PARAM_DEST_NAME", MigrationValueKind.String, "1.1.0" },
            new object[] { "destination_xml", "VIR_MIGRATE_PARAM_DEST_XML", MigrationValueKind.String, "1.1.0" },
            new object[] { "persistent_xml", "VIR_MIGRATE_PARAM_PERSIST_XML", MigrationValueKind.String, "1.3.4" },
            new object[] { "bandwidth", "VIR_MIGRATE_PARAM_BANDWIDTH", MigrationValueKind.ULLong, "1.1.0" },
            new object[] { "bandwidth.postcopy", "VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY", MigrationValueKind.ULLong, "5.1.0" },
            new object[] { "bandwidth.avail.switchover", "VIR_MIGRATE_PARAM_BANDWIDTH_AVAIL_SWITCHOVER", MigrationValueKind.ULLong, "11.1.0" },
            new object[] { "graphics_uri", "VIR_MIGRATE_PARAM_GRAPHICS_URI", MigrationValueKind.String, "1.1.0" },
            new object[] { "listen_address", "VIR_MIGRATE_PARAM_LISTEN_ADDRESS", MigrationValueKind.String, "1.1.4" },
            new object[] { "migrate_disks", "VIR_MIGRATE_PARAM_MIGRATE_DISKS", MigrationValueKind.StringList, "1.2.17" },
            new object[] { "migrate_disks_detect_zeroes", "VIR_MIGRATE_PARAM_MIGRATE_DISKS_DETECT_ZEROES", MigrationValueKind.StringList, "10.9.0" },
            new object[] { "disks_port", "VIR_MIGRATE_PARAM_DISKS_PORT", MigrationValueKind.Int, "1.3.3" },
            new object[] { "disks_uri", "VIR_MIGRATE_PARAM_DISKS_URI", MigrationValueKind.String, "6.8.0" },
            new object[] { "compression", "VIR_MIGRATE_PARAM_COMPRESSION", MigrationValueKind.StringList, "1.3.4" },
            new object[] { "compression.mt.level", "VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL", MigrationValueKind.Int, "1.3.4" },
            new object[] { "compression.mt.threads", "VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS", MigrationValueKind.Int, "1.3.4" },
            new object[] { "compression.mt.dthreads", "VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS", MigrationValueKind.Int, "1.3.4" },
            new object[] { "compression.xbzrle.cache", "VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE", MigrationValueKind.ULLong, "1.3.4" },
            new object[] { "compression.zlib.level", "VIR_MIGRATE_PARAM_COMPRESSION_ZLIB_LEVEL", MigrationValueKind.Int, "9.4.0" },
            new object[] { "compression.zstd.level", "VIR_MIGRATE_PARAM_COMPRESSION_ZSTD_LEVEL", MigrationValueKind.Int, "9.4.0" },
            new object[] { "auto_converge.initial", "VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL", MigrationValueKind.Int, "2.0.0" },
            new object[] { "auto_converge.increment", "VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT", MigrationValueKind.Int, "2.0.0" },
            new object[] { "parallel.connections", "VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS", MigrationValueKind.Int, "5.2.0" },
            new object[] { "tls.destination", "VIR_MIGRATE_PARAM_TLS_DESTINATION", MigrationValueKind.String, "6.0.0" },
        };

        [Theory]
        [MemberData(nameof(ExpectedParameters))]
        public void ParameterRowMatchesLibvirt(string key, string constant, MigrationValueKind kind, string since)
        {
            Assert.True(MigrationTables.Default.TryFindParameterByKey(key, out var row), key);
            Assert.Equal(constant, row.Constant);
            Assert.Equal(kind, row.Kind);
            Assert.Equal(Version.Parse(since), row.Since);
        }

        [Fact]
        public void TheTableHasNoParameterBeyondTheExpectedOnes() =>
            Assert.Equal(ExpectedParameters().Select(e => (string)e[0]).OrderBy(k => k), MigrationParameterTable.Rows.Select(r => r.Key).OrderBy(k => k));

        [Theory]
        [InlineData(MigrationFlag.Live, "VIR_MIGRATE_LIVE", 0x1u, "0.3.2")]
        [InlineData(MigrationFlag.PeerToPeer, "VIR_MIGRATE_PEER2PEER", 0x2u, "0.7.2")]
        [InlineData(MigrationFlag.Tunnelled, "VIR_MIGRATE_TUNNELLED", 0x4u, "0.7.2")]
        [InlineData(MigrationFlag.PersistDestination, "VIR_MIGRATE_PERSIST_DEST", 0x8u, "0.7.3")]
        [InlineData(MigrationFlag.UndefineSource, "VIR_MIGRATE_UNDEFINE_SOURCE", 0x10u, "0.7.3")]
        [InlineData(MigrationFlag.Paused, "VIR_MIGRATE_PAUSED", 0x20u, "0.7.5")]
        [InlineData(MigrationFlag.NonSharedDisk, "VIR_MIGRATE_NON_SHARED_DISK", 0x40u, "0.8.2")]
        [InlineData(MigrationFlag.NonSharedIncremental, "VIR_MIGRATE_NON_SHARED_INC", 0x80u, "0.8.2")]
        [InlineData(MigrationFlag.ChangeProtection, "VIR_MIGRATE_CHANGE_PROTECTION", 0x100u, "0.9.4")]
        [InlineData(MigrationFlag.Unsafe, "VIR_MIGRATE_UNSAFE", 0x200u, "0.9.11")]
        [InlineData(MigrationFlag.Offline, "VIR_MIGRATE_OFFLINE", 0x400u, "1.0.1")]
        [InlineData(MigrationFlag.Compressed, "VIR_MIGRATE_COMPRESSED", 0x800u, "1.0.3")]
        [InlineData(MigrationFlag.AbortOnError, "VIR_MIGRATE_ABORT_ON_ERROR", 0x1000u, "1.1.0")]
        [InlineData(MigrationFlag.AutoConverge, "VIR_MIGRATE_AUTO_CONVERGE", 0x2000u, "1.2.3")]
        [InlineData(MigrationFlag.RdmaPinAll, "VIR_MIGRATE_RDMA_PIN_ALL", 0x4000u, "1.2.9")]
        [InlineData(MigrationFlag.Postcopy, "VIR_MIGRATE_POSTCOPY", 0x8000u, "1.3.3")]
        [InlineData(MigrationFlag.Tls, "VIR_MIGRATE_TLS", 0x10000u, "3.2.0")]
        [InlineData(MigrationFlag.Parallel, "VIR_MIGRATE_PARALLEL", 0x20000u, "5.2.0")]
        [InlineData(MigrationFlag.NonSharedSynchronousWrites, "VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES", 0x40000u, "8.0.0")]
        [InlineData(MigrationFlag.PostcopyResume, "VIR_MIGRATE_POSTCOPY_RESUME", 0x80000u, "8.5.0")]
        [InlineData(MigrationFlag.ZeroCopy, "VIR_MIGRATE_ZEROCOPY", 0x100000u, "8.5.0")]
        public void FlagRowMatchesLibvirt(MigrationFlag flag, string constant, uint bit, string since)
        {
            var row = MigrationTables.Default[flag];
            Assert.Equal(constant, row.Constant);
            Assert.Equal(bit, row.Value);
            Assert.Equal(Version.Parse(since), row.Since);
        }

        [Fact]
        public void NamesKeysAliasesAndConstantsAreUniqueAcrossParametersAndFlags()
        {
            var names = MigrationParameterTable.Rows.SelectMany(r => new[] { r.Name, r.Key, r.Constant }.Concat(r.Aliases).Distinct(StringComparer.OrdinalIgnoreCase))
                .Concat(MigrationFlagTable.Rows.SelectMany(r => new[] { r.Name, r.Constant }.Concat(r.Aliases)))
                .ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void LookupsAcceptNamesKeysAliasesAndConstantsCaseInsensitively()
        {
            var t = MigrationTables.Default;
            foreach (var name in new[] { "CompressionMtLevel", "compressionmtlevel", "compression.mt.level", "VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL" })
            {
                Assert.True(t.TryFindParameter(name, out var row), name);
                Assert.Equal(MigrationParameter.CompressionMtLevel, row.Id);
            }
            Assert.True(t.TryFindParameter("migrationuri", out var alias));
            Assert.Equal(MigrationParameter.MigrateUri, alias.Id);
            Assert.True(t.TryFindFlag("p2p", out var flag));
            Assert.Equal(MigrationFlag.PeerToPeer, flag.Id);
            Assert.True(t.TryFindFlag("VIR_MIGRATE_PERSIST_DEST", out var byConstant));
            Assert.Equal(MigrationFlag.PersistDestination, byConstant.Id);
            Assert.False(t.TryFindParameterByKey("Compression.MT.Level", out _));
        }

        [Fact]
        public void TablesRefuseAMissingRow()
        {
            var e = Assert.Throws<InvalidOperationException>(() => new MigrationTables(
                MigrationParameterTable.Rows.Where(r => r.Id != MigrationParameter.Bandwidth), MigrationFlagTable.Rows));
            Assert.Contains("Bandwidth", e.Message);
            e = Assert.Throws<InvalidOperationException>(() => new MigrationTables(
                MigrationParameterTable.Rows, MigrationFlagTable.Rows.Where(r => r.Id != MigrationFlag.ZeroCopy)));
            Assert.Contains("ZeroCopy", e.Message);
        }

        [Fact]
        public void TablesRefuseADuplicatedRow()
        {
            var dup = new MigrationParameterRow(MigrationParameter.Bandwidth, "bandwidth2", "VIR_MIGRATE_PARAM_X", MigrationValueKind.ULLong, "1.0.0", "x.");
            var e = Assert.Throws<InvalidOperationException>(() => MigrationTables.Default.WithParameter(dup));
            Assert.Contains("two rows", e.Message);
            var dupFlag = new MigrationFlagRow(MigrationFlag.Live, "VIR_MIGRATE_LIVE2", "1.0.0", "x", "x.", name: "Live2");
            Assert.Throws<InvalidOperationException>(() => MigrationTables.Default.WithFlag(dupFlag));
        }

        [Fact]
        public void TablesRefuseACollidingName()
        {
            var clash = new MigrationParameterRow((MigrationParameter)500, "live", "VIR_MIGRATE_PARAM_LIVE", MigrationValueKind.Int, "1.0.0", "x.");
            var e = Assert.Throws<InvalidOperationException>(() => MigrationTables.Default.WithParameter(clash));
            Assert.Contains("'Live'", e.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void TablesRefuseARuleNamingAMissingRow()
        {
            var row = new MigrationParameterRow((MigrationParameter)501, "x.y", "VIR_MIGRATE_PARAM_X_Y", MigrationValueKind.Int, "1.0.0", "x.",
                rules: new[] { MigrationRule.Requires(MigrationCondition.Flag((MigrationFlag)(1u << 29)), ErrorCode.InvalidArg, "no") });
            Assert.Throws<InvalidOperationException>(() => MigrationTables.Default.WithParameter(row));
        }

        private enum Colour { Red, Green, Blue }

        private sealed class ColourRow
        {
            public ColourRow(Colour id) => Id = id;
            public Colour Id { get; }
        }

        [Fact]
        public void TheStartUpCheckRefusesMissingAndDuplicatedRows()
        {
            var ok = TableChecksAccess.Index(new[] { new ColourRow(Colour.Blue), new ColourRow(Colour.Red), new ColourRow(Colour.Green) });
            Assert.Equal(Colour.Green, ok[1].Id);
            var missing = Assert.Throws<InvalidOperationException>(() => TableChecksAccess.Index(new[] { new ColourRow(Colour.Red), new ColourRow(Colour.Blue) }));
            Assert.Contains("Green", missing.Message);
            var dup = Assert.Throws<InvalidOperationException>(() => TableChecksAccess.Index(new[] { new ColourRow(Colour.Red), new ColourRow(Colour.Red), new ColourRow(Colour.Green), new ColourRow(Colour.Blue) }));
            Assert.Contains("two rows", dup.Message);
        }

        private static class TableChecksAccess
        {
            public static ColourRow[] Index(IEnumerable<ColourRow> rows) => TableChecks.IndexByEnum(rows, r => r.Id, r => (int)r.Id, "Colours");
        }

        [Fact]
        public void CatalogListsEveryRowWithItsColumns()
        {
            var entries = MigrationCatalog.List().ToList();
            Assert.Equal(MigrationParameterTable.Rows.Count + MigrationFlagTable.Rows.Count, entries.Count);
            var level = entries.Single(e => e.Name == "CompressionMtLevel");
            Assert.Equal(MigrationCatalogKind.Parameter, level.Kind);
            Assert.Equal("compression.mt.level", level.Key);
            Assert.Equal("int", level.Type);
            Assert.Equal("0-9", level.Allowed);
            Assert.Contains("requires Compression 'mt'", level.Rules);
            Assert.Contains("Range: 0-9", level.Help);
            var p2p = entries.Single(e => e.Name == "PeerToPeer");
            Assert.Equal(MigrationCatalogKind.Flag, p2p.Kind);
            Assert.Equal(2u, p2p.Value);
            Assert.Null(p2p.Key);
            Assert.Equal("switch", p2p.Type);
            Assert.Contains("P2P", p2p.Aliases);
            var compression = entries.Single(e => e.Name == "Compression");
            Assert.Equal("xbzrle, mt, zlib, zstd", compression.Allowed);
            Assert.Equal("string[]", compression.Type);
        }
    }
}
