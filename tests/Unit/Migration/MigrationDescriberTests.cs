using Libvirt.Engine.Migration;
using Xunit;

namespace Libvirt.Tests.Unit.Migration
{
    public class MigrationDescriberTests
    {
        [Fact]
        public void DescribesFlagsThenParametersWithTuningNextToItsMethod()
        {
            var set = new MigrationParameterSet()
                .SetFlag(MigrationFlag.Live).SetFlag(MigrationFlag.PersistDestination).SetFlag(MigrationFlag.Compressed)
                .Set(MigrationParameter.Bandwidth, 128)
                .Set(MigrationParameter.Compression, "mt")
                .Set(MigrationParameter.CompressionMtLevel, 5);
            Assert.Equal(
                "Migrate domain 'x' from A to B: live, persist on destination, compressed; bandwidth 128 MiB/s; compression mt (level 5)",
                MigrationDescriber.DescribeMigration("x", "A", "B", set));
        }

        [Fact]
        public void DescribesEveryKind()
        {
            var set = new MigrationParameterSet()
                .Set(MigrationParameter.DestinationName, "web2")
                .Set(MigrationParameter.DestinationXml, new string('x', 500))
                .Set(MigrationParameter.MigrateDisks, new[] { "vda", "vdb" })
                .Set(MigrationParameter.Compression, new[] { "xbzrle", "mt" })
                .Set(MigrationParameter.CompressionXbzrleCache, 1048576)
                .Set(MigrationParameter.CompressionMtThreads, 4)
                .Set(MigrationParameter.CompressionMtLevel, 1)
                .Set(MigrationParameter.AutoConvergeInitial, 20);
            Assert.Equal(
                "destination name 'web2'; destination xml (500 characters); migrate disks vda, vdb; compression xbzrle (cache 1048576 bytes), mt (level 1, threads 4); auto converge initial 20 percent",
                MigrationDescriber.DescribeSettings(set));
        }

        [Fact]
        public void TuningWithoutItsMethodIsStillShown()
        {
            var set = new MigrationParameterSet().Set(MigrationParameter.CompressionMtLevel, 3);
            Assert.Equal("compression mt level 3", set.ToString());
        }

        [Fact]
        public void NothingToSayForAnEmptySet() =>
            Assert.Equal("Migrate domain 'x' from A to B", MigrationDescriber.DescribeMigration("x", "A", "B", new MigrationParameterSet()));
    }
}
