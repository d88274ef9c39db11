using System.Collections.Generic;
using Libvirt.Engine.Errors;
using static Libvirt.Engine.Migration.MigrationCondition;
using K = Libvirt.Engine.Migration.MigrationValueKind;
using P = Libvirt.Engine.Migration.MigrationParameter;
using F = Libvirt.Engine.Migration.MigrationFlag;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// The migration typed parameters of libvirt's public API, one row per <see cref="MigrationParameter"/>.
    /// Keys, types and releases are libvirt's (libvirt-domain.h); the cross-field rules and their messages are
    /// those the QEMU driver and the client library enforce. The static constructor refuses a missing or
    /// duplicated row.
    /// </summary>
    public static class MigrationParameterTable
    {
        private const string MiBps = "MiB/s";

        // libvirt scales MiB/s to bytes/s in a signed 64-bit value for QEMU, so it refuses anything above this.
        private static readonly MigrationRange Bandwidth = new MigrationRange(0, long.MaxValue / (1024 * 1024));

        private static MigrationRule TurnOn(string method, string words) =>
            MigrationRule.Requires(Includes(P.Compression, method), ErrorCode.InvalidArg, $"Turn {words} compression on to tune it");

        private static MigrationRule NotTunnelled(string what) =>
            MigrationRule.Excludes(Flag(F.Tunnelled), ErrorCode.ArgumentUnsupported, what + " is not supported by tunnelled migration");

        private static MigrationRule NeedsStorageMigration(string constant) =>
            MigrationRule.Requires(AnyFlag(F.NonSharedDisk, F.NonSharedIncremental), ErrorCode.OperationUnsupported,
                $"use of '{constant}' requires use of 'VIR_MIGRATE_NON_SHARED_DISK' or 'VIR_MIGRATE_NON_SHARED_INC' flag");

        private static readonly MigrationRule TurnOnAutoConverge =
            MigrationRule.Requires(Flag(F.AutoConverge), ErrorCode.InvalidArg, "Turn auto convergence on to tune it");

        /// <summary>The rows, in the order libvirt's header lists them.</summary>
        public static IReadOnlyList<MigrationParameterRow> Rows { get; } = new[]
        {
            new MigrationParameterRow(P.MigrateUri, "migrate_uri", "VIR_MIGRATE_PARAM_URI", K.String, "1.1.0",
                "URI the hypervisor uses for the migration data stream (e.g. tcp://dst:49152); libvirt picks one when omitted.",
                rules: new[] { NotTunnelled("migration URI") },
                aliases: new[] { "MigrationUri" }),
            new MigrationParameterRow(P.DestinationName, "destination_name", "VIR_MIGRATE_PARAM_DEST_NAME", K.String, "1.1.0",
                "Name the domain gets on the destination host; the name stays the same when omitted.",
                aliases: new[] { "NewName" }),
            new MigrationParameterRow(P.DestinationXml, "destination_xml", "VIR_MIGRATE_PARAM_DEST_XML", K.String, "1.1.0",
                "Domain XML for the running domain on the destination; only host-side settings may differ (same guest ABI)."),
            new MigrationParameterRow(P.PersistentXml, "persistent_xml", "VIR_MIGRATE_PARAM_PERSIST_XML", K.String, "1.3.4",
                "Domain XML for the persistent definition on the destination."),
            new MigrationParameterRow(P.Bandwidth, "bandwidth", "VIR_MIGRATE_PARAM_BANDWIDTH", K.ULLong, "1.1.0",
                "Maximum migration bandwidth; 0 or omitted lets libvirt choose.",
                unit: MiBps, range: Bandwidth),
            new MigrationParameterRow(P.BandwidthPostcopy, "bandwidth.postcopy", "VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY", K.ULLong, "5.1.0",
                "Maximum bandwidth during the post-copy phase; 0 or omitted means unlimited.",
                unit: MiBps, range: Bandwidth),
            new MigrationParameterRow(P.BandwidthAvailSwitchover, "bandwidth.avail.switchover", "VIR_MIGRATE_PARAM_BANDWIDTH_AVAIL_SWITCHOVER", K.ULLong, "11.1.0",
                "Bandwidth actually available for migration, used by the hypervisor to estimate when it can switch over.",
                unit: MiBps, range: Bandwidth),
            new MigrationParameterRow(P.GraphicsUri, "graphics_uri", "VIR_MIGRATE_PARAM_GRAPHICS_URI", K.String, "1.1.0",
                "Where graphical console clients reconnect after migration (spice://host[:port]/?tlsPort=… or vnc://…)."),
            new MigrationParameterRow(P.ListenAddress, "listen_address", "VIR_MIGRATE_PARAM_LISTEN_ADDRESS", K.String, "1.1.4",
                "Address (IPv4, IPv6 or host name) the destination hypervisor listens on for incoming migration.",
                rules: new[] { NotTunnelled("listen address") }),
            new MigrationParameterRow(P.MigrateDisks, "migrate_disks", "VIR_MIGRATE_PARAM_MIGRATE_DISKS", K.StringList, "1.2.17",
                "Target names of the disks to copy (e.g. vda); by default all non-shared writable disks are copied.",
                rules: new[] { NeedsStorageMigration("VIR_MIGRATE_PARAM_MIGRATE_DISKS") }),
            new MigrationParameterRow(P.MigrateDisksDetectZeroes, "migrate_disks_detect_zeroes", "VIR_MIGRATE_PARAM_MIGRATE_DISKS_DETECT_ZEROES", K.StringList, "10.9.0",
                "Target names of copied disks whose zero blocks are detected and not transferred.",
                rules: new[] { NeedsStorageMigration("VIR_MIGRATE_PARAM_MIGRATE_DISKS_DETECT_ZEROES") }),
            new MigrationParameterRow(P.DisksPort, "disks_port", "VIR_MIGRATE_PARAM_DISKS_PORT", K.Int, "1.3.3",
                "Port the destination uses for incoming disk copies; 0 or omitted lets libvirt choose.",
                range: new MigrationRange(0, 65535),
                rules: new[]
                {
                    NotTunnelled("disk port address"),
                    MigrationRule.Excludes(Parameter(P.DisksUri), ErrorCode.InvalidArg, "Both port and URI requested for disk migration while being mutually exclusive"),
                }),
            new MigrationParameterRow(P.DisksUri, "disks_uri", "VIR_MIGRATE_PARAM_DISKS_URI", K.String, "6.8.0",
                "tcp:// or unix:// URI the destination uses for incoming disk copies."),
            new MigrationParameterRow(P.Compression, "compression", "VIR_MIGRATE_PARAM_COMPRESSION", K.StringList, "1.3.4",
                "Compression methods for migration traffic; with Compressed and no method the hypervisor default (xbzrle) is used.",
                choiceNoun: "compression method",
                choices: new[]
                {
                    new MigrationChoice("xbzrle", "1.3.4", "XOR-based delta encoding of changed pages",
                        MigrationRule.Excludes(Flag(F.Parallel), ErrorCode.InvalidArg, "Compression method 'xbzrle' isn't supported with parallel migration")),
                    new MigrationChoice("mt", "1.3.4", "multithreaded zlib compression of pages (QEMU before 9.1)",
                        MigrationRule.Excludes(Flag(F.Parallel), ErrorCode.InvalidArg, "Compression method 'mt' isn't supported with parallel migration"))
                    { RemovedInQemu = new System.Version(9, 1, 0) },
                    new MigrationChoice("zlib", "9.4.0", "zlib compression of parallel migration channels",
                        MigrationRule.Requires(Flag(F.Parallel), ErrorCode.InvalidArg, "Compression method 'zlib' is only supported with parallel migration")),
                    new MigrationChoice("zstd", "9.4.0", "zstd compression of parallel migration channels",
                        MigrationRule.Requires(Flag(F.Parallel), ErrorCode.InvalidArg, "Compression method 'zstd' is only supported with parallel migration")),
                },
                rules: new[]
                {
                    MigrationRule.Requires(AtMostValues(P.Compression, 1), ErrorCode.InvalidArg, "Only one compression method could be specified with parallel compression")
                        .OnlyWhen(Flag(F.Parallel)),
                },
                aliases: new[] { "CompressionMethod" }),
            new MigrationParameterRow(P.CompressionMtLevel, "compression.mt.level", "VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL", K.Int, "1.3.4",
                "Level of multithread compression: 0 none, 1 fastest, 9 smallest.",
                range: new MigrationRange(0, 9), rules: new[] { TurnOn("mt", "multithread") }),
            new MigrationParameterRow(P.CompressionMtThreads, "compression.mt.threads", "VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS", K.Int, "1.3.4",
                "Number of compression threads for multithread compression.",
                range: new MigrationRange(1, 255), rules: new[] { TurnOn("mt", "multithread") }),
            new MigrationParameterRow(P.CompressionMtDthreads, "compression.mt.dthreads", "VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS", K.Int, "1.3.4",
                "Number of decompression threads for multithread compression.",
                range: new MigrationRange(1, 255), rules: new[] { TurnOn("mt", "multithread") }),
            new MigrationParameterRow(P.CompressionXbzrleCache, "compression.xbzrle.cache", "VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE", K.ULLong, "1.3.4",
                "Size of the page cache for xbzrle compression.",
                unit: "bytes", rules: new[] { TurnOn("xbzrle", "xbzrle") }),
            new MigrationParameterRow(P.CompressionZlibLevel, "compression.zlib.level", "VIR_MIGRATE_PARAM_COMPRESSION_ZLIB_LEVEL", K.Int, "9.4.0",
                "Level of zlib compression for parallel migration: 0 none, 1 fastest, 9 smallest.",
                range: new MigrationRange(0, 9), rules: new[] { TurnOn("zlib", "zlib") }),
            new MigrationParameterRow(P.CompressionZstdLevel, "compression.zstd.level", "VIR_MIGRATE_PARAM_COMPRESSION_ZSTD_LEVEL", K.Int, "9.4.0",
                "Level of zstd compression for parallel migration: 0 none, 1 fastest, 20 smallest.",
                range: new MigrationRange(0, 20), rules: new[] { TurnOn("zstd", "zstd") }),
            new MigrationParameterRow(P.AutoConvergeInitial, "auto_converge.initial", "VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL", K.Int, "2.0.0",
                "Initial percentage the guest CPUs are throttled to when auto-convergence starts.",
                unit: "percent", range: new MigrationRange(1, 99), rules: new[] { TurnOnAutoConverge }),
            new MigrationParameterRow(P.AutoConvergeIncrement, "auto_converge.increment", "VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT", K.Int, "2.0.0",
                "Percentage added to the CPU throttle each time the migration still does not converge.",
                unit: "percent", range: new MigrationRange(1, 99), rules: new[] { TurnOnAutoConverge }),
            new MigrationParameterRow(P.ParallelConnections, "parallel.connections", "VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS", K.Int, "5.2.0",
                "Number of connections used by parallel migration.",
                range: new MigrationRange(1, 255),
                rules: new[] { MigrationRule.Requires(Flag(F.Parallel), ErrorCode.InvalidArg, "Turn parallel migration on to tune it") }),
            new MigrationParameterRow(P.TlsDestination, "tls.destination", "VIR_MIGRATE_PARAM_TLS_DESTINATION", K.String, "6.0.0",
                "Host name expected in the destination's TLS certificate, when it differs from the destination's name."),
        };

        private static readonly MigrationParameterRow[] ById;

        // Builds the enum-indexed array; throws (TypeInitializationException) on a missing or duplicated row.
        static MigrationParameterTable()
        {
            ById = TableChecks.IndexByEnum(Rows, r => r.Id, r => (int)r.Id, nameof(MigrationParameterTable));
        }

        /// <summary>The row of a parameter (an array lookup).</summary>
        public static MigrationParameterRow Get(MigrationParameter id) => ById[(int)id];
    }
}
