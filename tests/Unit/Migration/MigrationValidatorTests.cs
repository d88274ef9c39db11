using System;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Xunit;
using F = Libvirt.Engine.Migration.MigrationFlag;
using P = Libvirt.Engine.Migration.MigrationParameter;

namespace Libvirt.Tests.Unit.Migration
{
    public class MigrationValidatorTests
    {
        private static MigrationParameterSet Set(F flags, params (P, object)[] values)
        {
            var set = new MigrationParameterSet { Flags = (uint)flags };
            foreach (var (p, v) in values) set.Set(p, v);
            return set;
        }

        private static LibvirtException Refused(MigrationParameterSet set, Version? version = null) =>
            Assert.Throws<LibvirtException>(() => MigrationValidator.Validate(set, version));

        public static IEnumerable<object[]> BrokenRules() => new[]
        {
            // flags ↔ flags
            new object[] { F.Tunnelled, new (P, object)[0], ErrorCode.OperationInvalid, "VIR_MIGRATE_TUNNELLED", "cannot perform tunnelled migration without using peer2peer flag" },
            new object[] { F.NonSharedDisk | F.NonSharedIncremental, new (P, object)[0], ErrorCode.InvalidArg, "VIR_MIGRATE_NON_SHARED_DISK", "Flags 'VIR_MIGRATE_NON_SHARED_DISK' and 'VIR_MIGRATE_NON_SHARED_INC' are mutually exclusive" },
            new object[] { F.Offline, new (P, object)[0], ErrorCode.OperationInvalid, "VIR_MIGRATE_OFFLINE", "offline migration must be specified with the persistent flag set" },
            new object[] { F.Offline | F.PersistDestination | F.Live, new (P, object)[0], ErrorCode.InvalidArg, "VIR_MIGRATE_OFFLINE", "Flags 'VIR_MIGRATE_LIVE' and 'VIR_MIGRATE_OFFLINE' are mutually exclusive" },
            new object[] { F.Offline | F.PersistDestination | F.NonSharedDisk, new (P, object)[0], ErrorCode.OperationInvalid, "VIR_MIGRATE_OFFLINE", "offline migration cannot handle non-shared storage" },
            new object[] { F.Offline | F.PersistDestination | F.PeerToPeer | F.Tunnelled, new (P, object)[0], ErrorCode.OperationInvalid, "VIR_MIGRATE_OFFLINE", "tunnelled offline migration does not make sense" },
            new object[] { F.NonSharedSynchronousWrites, new (P, object)[0], ErrorCode.InvalidArg, "VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES", "is required by flag 'VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES'" },
            new object[] { F.PeerToPeer | F.Tunnelled | F.Parallel, new (P, object)[0], ErrorCode.InvalidArg, "VIR_MIGRATE_PARALLEL", "Flags 'VIR_MIGRATE_TUNNELLED' and 'VIR_MIGRATE_PARALLEL' are mutually exclusive" },
            new object[] { F.ZeroCopy, new (P, object)[0], ErrorCode.OperationInvalid, "VIR_MIGRATE_ZEROCOPY", "zero-copy is only available for parallel migration" },
            new object[] { F.Live | F.PostcopyResume, new (P, object)[0], ErrorCode.ArgumentUnsupported, "VIR_MIGRATE_POSTCOPY_RESUME", "resuming failed post-copy migration requires post-copy to be enabled" },
            new object[] { F.Postcopy, new (P, object)[0], ErrorCode.ArgumentUnsupported, "VIR_MIGRATE_POSTCOPY", "post-copy migration is not supported with non-live or paused migration" },
            new object[] { F.Postcopy | F.Live | F.Paused, new (P, object)[0], ErrorCode.ArgumentUnsupported, "VIR_MIGRATE_POSTCOPY", "post-copy migration is not supported with non-live or paused migration" },
            new object[] { F.Postcopy | F.Live | F.PeerToPeer | F.Tunnelled, new (P, object)[0], ErrorCode.ArgumentUnsupported, "VIR_MIGRATE_POSTCOPY", "post-copy is not supported with tunnelled migration" },
            new object[] { F.PeerToPeer | F.Tunnelled | F.NonSharedDisk, new (P, object)[0], ErrorCode.OperationUnsupported, "VIR_MIGRATE_NON_SHARED_DISK", "migration of non-shared storage is not supported with tunnelled migration" },
            new object[] { F.Compressed | F.Parallel, new (P, object)[0], ErrorCode.InvalidArg, "VIR_MIGRATE_COMPRESSED", "No compression algorithm selected for parallel migration" },
            // parameters ↔ flags
            new object[] { F.PeerToPeer | F.Tunnelled, new[] { (P.MigrateUri, (object)"tcp://dst") }, ErrorCode.ArgumentUnsupported, "migrate_uri", "migration URI is not supported by tunnelled migration" },
            new object[] { F.PeerToPeer | F.Tunnelled, new[] { (P.ListenAddress, (object)"::") }, ErrorCode.ArgumentUnsupported, "listen_address", "listen address is not supported by tunnelled migration" },
            new object[] { F.PeerToPeer | F.Tunnelled, new[] { (P.DisksPort, (object)5000) }, ErrorCode.ArgumentUnsupported, "disks_port", "disk port address is not supported by tunnelled migration" },
            new object[] { F.Live, new[] { (P.ParallelConnections, (object)4) }, ErrorCode.InvalidArg, "parallel.connections", "Turn parallel migration on to tune it" },
            new object[] { F.Live, new[] { (P.AutoConvergeInitial, (object)20) }, ErrorCode.InvalidArg, "auto_converge.initial", "Turn auto convergence on to tune it" },
            new object[] { F.Live, new[] { (P.AutoConvergeIncrement, (object)10) }, ErrorCode.InvalidArg, "auto_converge.increment", "Turn auto convergence on to tune it" },
            new object[] { F.Live, new[] { (P.MigrateDisks, (object)"vda") }, ErrorCode.OperationUnsupported, "migrate_disks", "use of 'VIR_MIGRATE_PARAM_MIGRATE_DISKS' requires use of 'VIR_MIGRATE_NON_SHARED_DISK' or 'VIR_MIGRATE_NON_SHARED_INC' flag" },
            new object[] { F.Live, new[] { (P.MigrateDisksDetectZeroes, (object)"vda") }, ErrorCode.OperationUnsupported, "migrate_disks_detect_zeroes", "use of 'VIR_MIGRATE_PARAM_MIGRATE_DISKS_DETECT_ZEROES' requires" },
            // parameters ↔ parameters and compression methods
            new object[] { F.Live, new[] { (P.DisksPort, (object)5000), (P.DisksUri, (object)"tcp://dst:5000") }, ErrorCode.InvalidArg, "disks_port", "Both port and URI requested for disk migration while being mutually exclusive" },
            new object[] { F.Live, new[] { (P.CompressionMtLevel, (object)5) }, ErrorCode.InvalidArg, "compression.mt.level", "Turn multithread compression on to tune it" },
            new object[] { F.Live, new[] { (P.Compression, (object)"xbzrle"), (P.CompressionMtThreads, (object)4) }, ErrorCode.InvalidArg, "compression.mt.threads", "Turn multithread compression on to tune it" },
            new object[] { F.Live, new[] { (P.CompressionMtDthreads, (object)4) }, ErrorCode.InvalidArg, "compression.mt.dthreads", "Turn multithread compression on to tune it" },
            new object[] { F.Live, new[] { (P.CompressionXbzrleCache, (object)1048576) }, ErrorCode.InvalidArg, "compression.xbzrle.cache", "Turn xbzrle compression on to tune it" },
            new object[] { F.Live | F.Parallel, new[] { (P.CompressionZlibLevel, (object)5) }, ErrorCode.InvalidArg, "compression.zlib.level", "Turn zlib compression on to tune it" },
            new object[] { F.Live | F.Parallel, new[] { (P.Compression, (object)"zlib"), (P.CompressionZstdLevel, (object)5) }, ErrorCode.InvalidArg, "compression.zstd.level", "Turn zstd compression on to tune it" },
            new object[] { F.Live, new[] { (P.Compression, (object)"zstd") }, ErrorCode.InvalidArg, "compression", "Compression method 'zstd' is only supported with parallel migration" },
            new object[] { F.Live | F.Parallel, new[] { (P.Compression, (object)"mt") }, ErrorCode.InvalidArg, "compression", "Compression method 'mt' isn't supported with parallel migration" },
            new object[] { F.Live | F.Parallel, new[] { (P.Compression, (object)new[] { "zlib", "zstd" }) }, ErrorCode.InvalidArg, "compression", "Only one compression method could be specified with parallel compression" },
        };

        [Theory]
        [MemberData(nameof(BrokenRules))]
        public void EveryCrossFieldRuleIsEnforced(F flags, (P, object)[] values, ErrorCode code, string target, string message)
        {
            var e = Refused(Set(flags, values));
            Assert.Equal(code, e.Code);
            Assert.Equal(target, e.Target);
            Assert.Contains(message, e.Message);
        }

        public static IEnumerable<object[]> AcceptedRequests() => new[]
        {
            new object[] { F.Live | F.PersistDestination | F.UndefineSource, new (P, object)[0] },
            new object[] { F.Live | F.PeerToPeer | F.Tunnelled, new (P, object)[0] },
            new object[] { F.Offline | F.PersistDestination, new (P, object)[0] },
            new object[] { F.Live | F.NonSharedIncremental | F.NonSharedSynchronousWrites, new[] { (P.MigrateDisks, (object)new[] { "vda", "vdb" }), (P.DisksPort, (object)0) } },
            new object[] { F.Live | F.Compressed, new[] { (P.Compression, (object)new[] { "mt", "xbzrle" }), (P.CompressionMtLevel, (object)9), (P.CompressionXbzrleCache, (object)65536) } },
            new object[] { F.Live | F.Compressed, new (P, object)[0] },
            new object[] { F.Live | F.Parallel | F.Compressed | F.ZeroCopy, new[] { (P.Compression, (object)"zstd"), (P.CompressionZstdLevel, (object)20), (P.ParallelConnections, (object)8) } },
            new object[] { F.Live | F.AutoConverge, new[] { (P.AutoConvergeInitial, (object)20), (P.AutoConvergeIncrement, (object)10) } },
            new object[] { F.Live | F.Postcopy | F.PostcopyResume, new[] { (P.BandwidthPostcopy, (object)100) } },
            new object[] { F.Live | F.Tls, new[] { (P.TlsDestination, (object)"dst.example"), (P.MigrateUri, (object)"tcp://10.0.0.2") } },
        };

        [Theory]
        [MemberData(nameof(AcceptedRequests))]
        public void ValidRequestsPass(F flags, (P, object)[] values)
        {
            var set = Set(flags, values);
            MigrationValidator.Validate(set, new Version(11, 7, 0));
            Assert.Empty(MigrationValidator.FindProblems(set));
        }

        [Fact]
        public void FindProblemsReportsEveryProblem()
        {
            var set = Set(F.Tunnelled | F.ZeroCopy, (P.CompressionMtLevel, 5), (P.ParallelConnections, 2));
            var codes = MigrationValidator.FindProblems(set).Select(e => e.Target).ToList();
            Assert.Equal(new[] { "compression.mt.level", "parallel.connections", "VIR_MIGRATE_TUNNELLED", "VIR_MIGRATE_ZEROCOPY" }, codes);
        }

        [Fact]
        public void ValuesStoredWithoutChecksAreStillValidated()
        {
            var set = MigrationParameterSet.FromTypedParameters(new Libvirt.Engine.TypedParameters.TypedParameterList(new[]
            {
                Libvirt.Engine.TypedParameters.TypedParameter.String("compression", "lz4"),
            }));
            var e = Refused(set);
            Assert.Contains("Unsupported compression method 'lz4'", e.Message);
        }

        [Fact]
        public void UnknownFlagBitsAreRefused()
        {
            var e = Refused(new MigrationParameterSet { Flags = 1u << 30 });
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Contains("unsupported flags (0x40000000)", e.Message);
        }

        [Fact]
        public void AParameterNewerThanTheHostIsRefused()
        {
            var set = Set(F.Live | F.Parallel, (P.Compression, "zstd"), (P.CompressionZstdLevel, 3));
            var problems = MigrationValidator.FindProblems(set, new Version(9, 0, 0)).ToList();
            var level = problems.Single(p => p.Target == "compression.zstd.level");
            Assert.Equal(ErrorCode.ArgumentUnsupported, level.Code);
            Assert.Contains("parameter 'compression.zstd.level' not supported", level.Message);
            Assert.Contains("9.4.0", level.Message);
            Assert.Contains("9.0.0", level.Message);
            var method = problems.Single(p => p.Target == "compression");
            Assert.Equal(ErrorCode.InvalidArg, method.Code);
            Assert.Contains("Unsupported compression method 'zstd'", method.Message);
            MigrationValidator.Validate(set, new Version(9, 4, 0));
            MigrationValidator.Validate(set, new Version(9, 4));
        }

        [Fact]
        public void AFlagNewerThanTheHostIsRefused()
        {
            var set = Set(F.Live | F.NonSharedDisk | F.NonSharedSynchronousWrites);
            var e = Assert.Throws<LibvirtException>(() => MigrationValidator.Validate(set, new Version(7, 10, 0), "source"));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Equal("VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES", e.Target);
            Assert.Contains("unsupported flags (0x40000)", e.Message);
            Assert.Contains("source host", e.Message);
            Assert.Contains("8.0.0", e.Message);
        }

        [Fact]
        public void NewestRowsAreRefusedByOlderHosts()
        {
            var switchover = Set(F.Live, (P.BandwidthAvailSwitchover, 1000));
            Assert.Equal(ErrorCode.ArgumentUnsupported, Refused(switchover, new Version(11, 0, 0)).Code);
            MigrationValidator.Validate(switchover, new Version(11, 1, 0));
            var zeroes = Set(F.Live | F.NonSharedDisk, (P.MigrateDisksDetectZeroes, "vda"));
            Assert.Equal("migrate_disks_detect_zeroes", Refused(zeroes, new Version(10, 8, 0)).Target);
            MigrationValidator.Validate(zeroes, new Version(10, 9, 0));
        }
    }
}
