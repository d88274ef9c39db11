using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Libvirt.Engine.TypedParameters;
using Xunit;

namespace Libvirt.Tests.Unit.Migration
{
    public class MigrationParameterSetTests
    {
        private static Dictionary<string, object?> Dict(params (string Key, object? Value)[] pairs)
        {
            var d = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in pairs) d.Add(k, v);
            return d;
        }

        /// <summary>A valid sample value for every row, by kind and range: one loop, no parameter named.</summary>
        internal static object Sample(MigrationParameterRow row) => row.Kind switch
        {
            MigrationValueKind.Int => (int)(row.Range?.Minimum ?? 7),
            MigrationValueKind.UInt => (uint)(row.Range?.Minimum ?? 7),
            MigrationValueKind.ULLong => row.Range == null ? 18446744073709551615UL : (ulong)row.Range.Maximum,
            MigrationValueKind.String => row.Choices.Count > 0 ? row.Choices[0].Value : "value of " + row.Key + " \"quoted\" \\ ü\n",
            MigrationValueKind.StringList => row.Choices.Count > 0 ? new[] { row.Choices[0].Value } : new[] { "a", "b" },
            _ => throw new ArgumentOutOfRangeException(),
        };

        private static MigrationParameterSet EverythingSet(MigrationTables? tables = null)
        {
            var set = new MigrationParameterSet(tables ?? MigrationTables.Default);
            foreach (var row in set.Tables.Parameters) set.Set(row.Id, Sample(row));
            set.Flags = set.Tables.AllFlagsMask;
            return set;
        }

        [Fact]
        public void UnsetZeroAndEmptyStayDistinct()
        {
            var set = new MigrationParameterSet()
                .Set(MigrationParameter.Bandwidth, 0)
                .Set(MigrationParameter.DestinationName, "")
                .Set(MigrationParameter.MigrateDisks, new string[0]);
            Assert.True(set.IsSet(MigrationParameter.Bandwidth));
            Assert.Equal(0UL, set.Get<ulong>(MigrationParameter.Bandwidth));
            Assert.False(set.IsSet(MigrationParameter.BandwidthPostcopy));
            Assert.Null(set.Get<ulong>(MigrationParameter.BandwidthPostcopy));
            Assert.Equal("", set.Get(MigrationParameter.DestinationName));
            Assert.Null(set.Get(MigrationParameter.DestinationXml));

            var json = set.ToJson(false);
            Assert.Equal("{\"destination_name\":\"\",\"bandwidth\":0,\"migrate_disks\":[]}", json);
            var back = MigrationParameterSet.FromJson(json);
            Assert.Equal(set, back);
            Assert.True(back.IsSet(MigrationParameter.MigrateDisks));

            var typed = set.ToTypedParameters();
            Assert.Equal(0UL, typed.Find("bandwidth")!.Value);
            Assert.Equal("", typed.Find("destination_name")!.Value);
            Assert.Null(typed.Find("bandwidth.postcopy"));
            // An empty list has no wire form: libvirt sends one entry per value.
            Assert.Null(typed.Find("migrate_disks"));
        }

        [Fact]
        public void RemoveUnsets()
        {
            var set = new MigrationParameterSet().Set(MigrationParameter.Bandwidth, 5);
            Assert.True(set.Remove(MigrationParameter.Bandwidth));
            Assert.False(set.IsSet(MigrationParameter.Bandwidth));
            Assert.False(set.Remove(MigrationParameter.Bandwidth));
            Assert.Equal(0, set.Count);
        }

        [Fact]
        public void EveryRowRoundTripsThroughJson()
        {
            var set = EverythingSet();
            var json = set.ToJson();
            var back = MigrationParameterSet.FromJson(json);
            Assert.Equal(set, back);
            Assert.Equal(json, back.ToJson());
            Assert.StartsWith("{\n  \"Flags\": [\"Live\", \"PeerToPeer\"", json);
        }

        [Fact]
        public void EveryRowRoundTripsThroughTypedParameters()
        {
            var set = EverythingSet();
            var back = MigrationParameterSet.FromTypedParameters(set.ToTypedParameters(), set.Flags);
            Assert.Equal(set, back);
        }

        [Fact]
        public void FromTypedParametersSkipsUnknownKeysUnlessStrict()
        {
            var list = new TypedParameterList(new[] { TypedParameter.ULLong("bandwidth", 10), TypedParameter.String("future.key", "x") });
            Assert.Equal(10UL, MigrationParameterSet.FromTypedParameters(list).Get<ulong>(MigrationParameter.Bandwidth));
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.FromTypedParameters(list, strict: true));
            Assert.Equal(ErrorCode.ArgumentUnsupported, e.Code);
            Assert.Equal("future.key", e.Target);
        }

        [Fact]
        public void FromTypedParametersKeepsValuesAsLibvirtSentThem()
        {
            // libvirt may report values our ranges would refuse from a user; reading them back must not fail.
            var list = new TypedParameterList(new[] { TypedParameter.Int("compression.mt.level", 12), TypedParameter.String("compression", "mt"), TypedParameter.String("compression", "xbzrle") });
            var set = MigrationParameterSet.FromTypedParameters(list);
            Assert.Equal(12, set.Get<int>(MigrationParameter.CompressionMtLevel));
            Assert.Equal(new[] { "mt", "xbzrle" }, set.Get(MigrationParameter.Compression));
        }

        [Fact]
        public void ParseAcceptsNamesAliasesKeysAndConstantsCaseInsensitively()
        {
            var set = MigrationParameterSet.Parse(Dict(
                ("bandwidth", 128),
                ("COMPRESSION.MT.LEVEL", "5"),
                ("CompressionMethod", "mt"),
                ("migrationuri", "tcp://dst"),
                ("VIR_MIGRATE_PARAM_DEST_NAME", "web2"),
                ("live", true),
                ("P2P", false),
                ("Flags", new object[] { "PersistDestination", "VIR_MIGRATE_UNDEFINE_SOURCE" })));
            Assert.Equal(128UL, set.Get<ulong>(MigrationParameter.Bandwidth));
            Assert.Equal(5, set.Get<int>(MigrationParameter.CompressionMtLevel));
            Assert.Equal(new[] { "mt" }, set.Get(MigrationParameter.Compression));
            Assert.Equal("tcp://dst", set.Get(MigrationParameter.MigrateUri));
            Assert.Equal("web2", set.Get(MigrationParameter.DestinationName));
            Assert.Equal((uint)(MigrationFlag.Live | MigrationFlag.PersistDestination | MigrationFlag.UndefineSource), set.Flags);
        }

        [Fact]
        public void ParseAcceptsAHashtable()
        {
            var h = new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Bandwidth"] = 64L, ["MigrateDisks"] = new object[] { "vda" } };
            var dict = h.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value);
            var set = MigrationParameterSet.Parse(dict);
            Assert.Equal(64UL, set.Get<ulong>(MigrationParameter.Bandwidth));
            Assert.Equal(new[] { "vda" }, set.Get(MigrationParameter.MigrateDisks));
        }

        [Fact]
        public void ParseRefusesAnUnknownKeyListingTheValidOnes()
        {
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(Dict(("Bandwith", 5))));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal("Bandwith", e.Target);
            Assert.Contains("unknown migration parameter 'Bandwith'", e.Message);
            foreach (var row in MigrationTables.Default.Parameters) Assert.Contains(row.Name, e.Message);
            foreach (var row in MigrationTables.Default.Flags) Assert.Contains(row.Name, e.Message);
        }

        [Fact]
        public void ParseRefusesAWrongTypeNamingKeyAndType()
        {
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(Dict(("ParallelConnections", "many"))));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal("parallel.connections", e.Target);
            Assert.Contains("'parallel.connections'", e.Message);
            Assert.Contains("expected 'int'", e.Message);
            var f = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(Dict(("Live", "yes please"))));
            Assert.Contains("expected 'bool'", f.Message);
            var g = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(Dict(("Flags", new object[] { "Live", "Fast" }))));
            Assert.Contains("unknown migration flag 'Fast'", g.Message);
        }

        [Fact]
        public void ParseRefusesTheSameParameterTwiceWithDifferentValues()
        {
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(Dict(("MigrateUri", "tcp://a"), ("migrate_uri", "tcp://b"))));
            Assert.Equal("migrate_uri", e.Target);
            Assert.Contains("given twice", e.Message);
            var same = MigrationParameterSet.Parse(Dict(("Bandwidth", 5), ("VIR_MIGRATE_PARAM_BANDWIDTH", "5")));
            Assert.Equal(5UL, same.Get<ulong>(MigrationParameter.Bandwidth));
        }

        [Fact]
        public void MergeUnitesAndRefusesConflicts()
        {
            var a = new MigrationParameterSet().Set(MigrationParameter.Bandwidth, 128).SetFlag(MigrationFlag.Live);
            var b = new MigrationParameterSet().Set(MigrationParameter.Bandwidth, 128L).Set(MigrationParameter.DestinationName, "x").SetFlag(MigrationFlag.PersistDestination);
            var m = a.Merge(b);
            Assert.Equal(128UL, m.Get<ulong>(MigrationParameter.Bandwidth));
            Assert.Equal("x", m.Get(MigrationParameter.DestinationName));
            Assert.True(m.HasFlag(MigrationFlag.Live) && m.HasFlag(MigrationFlag.PersistDestination));
            Assert.False(a.IsSet(MigrationParameter.DestinationName)); // inputs untouched

            var c = new MigrationParameterSet().Set(MigrationParameter.Bandwidth, 256);
            var e = Assert.Throws<LibvirtException>(() => a.Merge(c));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal("bandwidth", e.Target);
            Assert.Contains("'128' and '256'", e.Message);
        }

        [Fact]
        public void FlagHelpers()
        {
            var set = new MigrationParameterSet().SetFlag(MigrationFlag.Live).SetFlag("persistent").SetFlag(MigrationFlag.Paused);
            set.SetFlag(MigrationFlag.Paused, false);
            Assert.Equal(new[] { "Live", "PersistDestination" }, set.FlagRows.Select(f => f.Name));
            Assert.False(set.HasFlag(MigrationFlag.None));
            Assert.Throws<LibvirtException>(() => set.SetFlag("Teleport"));
        }

        [Theory]
        [InlineData("[1]")]
        [InlineData("{\"bandwidth\": }")]
        [InlineData("{\"bandwidth\": 1} x")]
        [InlineData("{\"bandwidth\": 1, \"bandwidth\": 2}")]
        [InlineData("{\"nope\": 1}")]
        [InlineData("{\"bandwidth\": \"lots\"}")]
        [InlineData("{\"bandwidth\": 1e400}")]
        public void FromJsonRefusesBadDocuments(string json)
        {
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.FromJson(json));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
        }

        [Fact]
        public void FromJsonAcceptsHandWrittenSettings()
        {
            var set = MigrationParameterSet.FromJson("{ \"Flags\": [\"live\", \"P2P\"], \"Bandwidth\": 1.0E2, \"CompressionMethod\": \"mt\", \"compression.mt.level\": \"3\", \"destination_name\": \"w\\u00fcb\" }");
            Assert.Equal(100UL, set.Get<ulong>(MigrationParameter.Bandwidth));
            Assert.Equal(3, set.Get<int>(MigrationParameter.CompressionMtLevel));
            Assert.True(set.HasFlag(MigrationFlag.PeerToPeer));
            Assert.Equal("w\u00fcb", set.Get(MigrationParameter.DestinationName));
        }

        [Fact]
        public void EqualityIsByContent()
        {
            var a = new MigrationParameterSet().Set(MigrationParameter.MigrateDisks, new[] { "vda" });
            var b = new MigrationParameterSet().Set(MigrationParameter.MigrateDisks, "vda");
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            b.SetFlag(MigrationFlag.Live);
            Assert.NotEqual(a, b);
            Assert.NotEqual(a, new MigrationParameterSet().Set(MigrationParameter.MigrateDisks, new string[0]));
            Assert.NotEqual(a, new MigrationParameterSet());
        }

        [Fact]
        public void GetReturnsACopyOfLists()
        {
            var set = new MigrationParameterSet().Set(MigrationParameter.MigrateDisks, new[] { "vda" });
            ((string[])set.Get(MigrationParameter.MigrateDisks)!)[0] = "changed";
            Assert.Equal(new[] { "vda" }, set.Get(MigrationParameter.MigrateDisks));
        }
    }
}
