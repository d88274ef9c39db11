using System;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Libvirt.Engine.TypedParameters;
using Xunit;

namespace Libvirt.Tests.Unit.Migration
{
    public class MigrationCodecTests
    {
        private static MigrationParameterRow Row(MigrationParameter p) => MigrationTables.Default[p];

        public static IEnumerable<object[]> IntInputs() => new[]
        {
            new object[] { 5 }, new object[] { 5L }, new object[] { (short)5 }, new object[] { (byte)5 }, new object[] { 5u },
            new object[] { 5UL }, new object[] { 5m }, new object[] { 5.0 }, new object[] { 5.0f }, new object[] { "5" }, new object[] { " 5 " },
        };

        [Theory]
        [MemberData(nameof(IntInputs))]
        public void IntAcceptsAnyIntegerRepresentation(object input)
        {
            var row = Row(MigrationParameter.CompressionMtLevel);
            Assert.Equal(5, row.Codec.Convert(row, input));
        }

        [Theory]
        [InlineData(true)]
        [InlineData("five")]
        [InlineData(1.5)]
        [InlineData("1.5")]
        [InlineData(null)]
        public void IntRefusesOtherTypesNamingKeyAndType(object? input)
        {
            var row = Row(MigrationParameter.CompressionMtLevel);
            var e = Assert.Throws<LibvirtException>(() => row.Codec.Convert(row, input));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal("compression.mt.level", e.Target);
            Assert.Contains("'compression.mt.level'", e.Message);
            Assert.Contains("CompressionMtLevel", e.Message);
            Assert.Contains("expected 'int'", e.Message);
        }

        [Fact]
        public void IntRefusesValuesOutsideItsWidth()
        {
            var row = Row(MigrationParameter.CompressionMtLevel);
            var e = Assert.Throws<LibvirtException>(() => row.Codec.Convert(row, 3_000_000_000L));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Contains("out of range", e.Message);
        }

        [Fact]
        public void RangeIsCheckedAgainstTheRow()
        {
            var set = new MigrationParameterSet();
            var e = Assert.Throws<LibvirtException>(() => set.Set(MigrationParameter.CompressionMtLevel, 10));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal("compression.mt.level", e.Target);
            Assert.Contains("0-9", e.Message);
            Assert.False(set.IsSet(MigrationParameter.CompressionMtLevel));
            set.Set(MigrationParameter.CompressionZstdLevel, 20);
            Assert.Throws<LibvirtException>(() => set.Set(MigrationParameter.CompressionZstdLevel, 21));
        }

        [Fact]
        public void ULongKeepsSixtyFourBitsExactly()
        {
            var row = Row(MigrationParameter.CompressionXbzrleCache);
            Assert.Equal(ulong.MaxValue, row.Codec.Convert(row, "18446744073709551615"));
            Assert.Equal(ulong.MaxValue, row.Codec.Convert(row, ulong.MaxValue));
            var e = Assert.Throws<LibvirtException>(() => row.Codec.Convert(row, -1));
            Assert.Contains("out of range", e.Message);
            var set = new MigrationParameterSet().Set(MigrationParameter.CompressionXbzrleCache, ulong.MaxValue);
            var back = MigrationParameterSet.FromJson(set.ToJson());
            Assert.Equal(ulong.MaxValue, back.Get<ulong>(MigrationParameter.CompressionXbzrleCache));
        }

        [Fact]
        public void BandwidthIsLimitedToWhatLibvirtCanScale()
        {
            var set = new MigrationParameterSet();
            set.Set(MigrationParameter.Bandwidth, 8796093022207UL);
            Assert.Throws<LibvirtException>(() => set.Set(MigrationParameter.Bandwidth, 8796093022208UL));
        }

        [Fact]
        public void StringAcceptsStringsAndUrisOnly()
        {
            var row = Row(MigrationParameter.MigrateUri);
            Assert.Equal("tcp://dst:49152", row.Codec.Convert(row, "tcp://dst:49152"));
            Assert.Equal("tcp://dst:49152", row.Codec.Convert(row, new Uri("tcp://dst:49152")));
            Assert.Equal("", row.Codec.Convert(row, ""));
            var e = Assert.Throws<LibvirtException>(() => row.Codec.Convert(row, 42));
            Assert.Contains("expected 'string'", e.Message);
            Assert.Equal("migrate_uri", e.Target);
        }

        [Fact]
        public void StringListAcceptsOneStringOrAnyListOfStrings()
        {
            var row = Row(MigrationParameter.MigrateDisks);
            Assert.Equal(new[] { "vda" }, row.Codec.Convert(row, "vda"));
            Assert.Equal(new[] { "vda", "vdb" }, row.Codec.Convert(row, new[] { "vda", "vdb" }));
            Assert.Equal(new[] { "vda", "vdb" }, row.Codec.Convert(row, new object[] { "vda", "vdb" }));
            Assert.Equal(new[] { "vda" }, row.Codec.Convert(row, new List<string> { "vda" }));
            Assert.Empty((string[])row.Codec.Convert(row, new string[0]));
            var e = Assert.Throws<LibvirtException>(() => row.Codec.Convert(row, new object[] { "vda", 3 }));
            Assert.Contains("expected 'string[]'", e.Message);
            Assert.Throws<LibvirtException>(() => row.Codec.Convert(row, 3));
        }

        [Fact]
        public void ChoicesAreCanonicalisedAndChecked()
        {
            var set = new MigrationParameterSet().Set(MigrationParameter.Compression, new[] { "MT", "Xbzrle" });
            Assert.Equal(new[] { "mt", "xbzrle" }, set.Get(MigrationParameter.Compression));
            var e = Assert.Throws<LibvirtException>(() => set.Set(MigrationParameter.Compression, "lz4"));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Contains("Unsupported compression method 'lz4'", e.Message);
            Assert.Contains("xbzrle, mt, zlib, zstd", e.Message);
            var twice = Assert.Throws<LibvirtException>(() => set.Set(MigrationParameter.Compression, new[] { "mt", "MT" }));
            Assert.Contains("Compression method 'mt' is specified twice", twice.Message);
        }

        [Fact]
        public void EachKindWritesItsLibvirtTypedParameterType()
        {
            var set = new MigrationParameterSet()
                .Set(MigrationParameter.DisksPort, 49153)
                .Set(MigrationParameter.Bandwidth, 128)
                .Set(MigrationParameter.DestinationName, "web2")
                .Set(MigrationParameter.MigrateDisks, new[] { "vda", "vdb" });
            var list = set.ToTypedParameters();
            Assert.Equal(TypedParameterType.Int, list.Find("disks_port")!.Type);
            Assert.Equal(49153, list.Find("disks_port")!.Value);
            Assert.Equal(TypedParameterType.ULLong, list.Find("bandwidth")!.Type);
            Assert.Equal(128UL, list.Find("bandwidth")!.Value);
            Assert.Equal(TypedParameterType.String, list.Find("destination_name")!.Type);
            Assert.Equal(new[] { "vda", "vdb" }, list.FindAll("migrate_disks").Select(p => (string)p.Value));
            Assert.Equal(5, list.Count);
        }

        [Fact]
        public void TypedParametersOfAnotherNumericTypeAreWidenedWhenTheyFit()
        {
            var list = new TypedParameterList(new[] { TypedParameter.LLong("bandwidth", 64), TypedParameter.UInt("disks_port", 5000) });
            var set = MigrationParameterSet.FromTypedParameters(list);
            Assert.Equal(64UL, set.Get<ulong>(MigrationParameter.Bandwidth));
            Assert.Equal(5000, set.Get<int>(MigrationParameter.DisksPort));
        }

        [Fact]
        public void TypedParameterOfTheWrongTypeIsATypeMismatch()
        {
            var list = new TypedParameterList(new[] { TypedParameter.String("bandwidth", "fast") });
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.FromTypedParameters(list));
            Assert.Equal(ErrorCode.InternalError, e.Code);
            Assert.Contains("Type mismatch", e.Message);
        }
    }
}
