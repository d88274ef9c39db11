using System.Collections.Generic;
using Libvirt.Engine.Errors;
using static Libvirt.Engine.Migration.MigrationCondition;
using F = Libvirt.Engine.Migration.MigrationFlag;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// libvirt's migration flags (virDomainMigrateFlags), one row per <see cref="MigrationFlag"/> member, with
    /// the release that added each and the combinations libvirt refuses (client library and QEMU driver),
    /// with libvirt's error codes and messages. The static constructor refuses a missing or duplicated row.
    /// </summary>
    public static class MigrationFlagTable
    {
        private static MigrationRule Exclusive(string a, string b, MigrationFlag other) =>
            MigrationRule.Excludes(Flag(other), ErrorCode.InvalidArg, $"Flags '{a}' and '{b}' are mutually exclusive");

        private static readonly MigrationRule NotTunnelledStorage =
            MigrationRule.Excludes(Flag(F.Tunnelled), ErrorCode.OperationUnsupported,
                "migration of non-shared storage is not supported with tunnelled migration and this QEMU");

        private const string PostcopyLive = "post-copy migration is not supported with non-live or paused migration";

        /// <summary>The rows, in bit order.</summary>
        public static IReadOnlyList<MigrationFlagRow> Rows { get; } = new[]
        {
            new MigrationFlagRow(F.Live, "VIR_MIGRATE_LIVE", "0.3.2", "live",
                "Keep the domain running while its memory is copied; it is paused only for the final switch-over."),
            new MigrationFlagRow(F.PeerToPeer, "VIR_MIGRATE_PEER2PEER", "0.7.2", "peer-to-peer",
                "The source daemon connects to the destination itself and drives the migration.",
                aliases: new[] { "P2P" }),
            new MigrationFlagRow(F.Tunnelled, "VIR_MIGRATE_TUNNELLED", "0.7.2", "tunnelled",
                "Send the migration data through the libvirt connection instead of a separate hypervisor channel.",
                rules: new[]
                {
                    MigrationRule.Requires(Flag(F.PeerToPeer), ErrorCode.OperationInvalid, "cannot perform tunnelled migration without using peer2peer flag"),
                }),
            new MigrationFlagRow(F.PersistDestination, "VIR_MIGRATE_PERSIST_DEST", "0.7.3", "persist on destination",
                "Define the domain persistently on the destination once the migration succeeds.",
                aliases: new[] { "Persistent" }),
            new MigrationFlagRow(F.UndefineSource, "VIR_MIGRATE_UNDEFINE_SOURCE", "0.7.3", "undefine on source",
                "Remove the domain's persistent definition from the source once the migration succeeds."),
            new MigrationFlagRow(F.Paused, "VIR_MIGRATE_PAUSED", "0.7.5", "paused on destination",
                "Leave the domain paused on the destination; resume it explicitly."),
            new MigrationFlagRow(F.NonSharedDisk, "VIR_MIGRATE_NON_SHARED_DISK", "0.8.2", "copy all disks",
                "Copy whole disk images too (storage that is not shared between the hosts).",
                rules: new[]
                {
                    Exclusive("VIR_MIGRATE_NON_SHARED_DISK", "VIR_MIGRATE_NON_SHARED_INC", F.NonSharedIncremental),
                    NotTunnelledStorage,
                },
                aliases: new[] { "CopyStorageAll" }),
            new MigrationFlagRow(F.NonSharedIncremental, "VIR_MIGRATE_NON_SHARED_INC", "0.8.2", "copy disk top layers",
                "Copy only the top layer of each disk's backing chain; the rest must already be on the destination.",
                rules: new[] { NotTunnelledStorage },
                aliases: new[] { "CopyStorageIncremental" }),
            new MigrationFlagRow(F.ChangeProtection, "VIR_MIGRATE_CHANGE_PROTECTION", "0.9.4", "change protection",
                "Refuse configuration changes to the domain while it migrates (used automatically when both hosts support it)."),
            new MigrationFlagRow(F.Unsafe, "VIR_MIGRATE_UNSAFE", "0.9.11", "unsafe",
                "Migrate even when libvirt considers it unsafe (e.g. disk cache settings that risk data loss)."),
            new MigrationFlagRow(F.Offline, "VIR_MIGRATE_OFFLINE", "1.0.1", "offline",
                "Move only the definition: the domain is neither started on the destination nor stopped on the source.",
                rules: new[]
                {
                    MigrationRule.Requires(Flag(F.PersistDestination), ErrorCode.OperationInvalid, "offline migration must be specified with the persistent flag set"),
                    MigrationRule.Excludes(AnyFlag(F.NonSharedDisk, F.NonSharedIncremental), ErrorCode.OperationInvalid, "offline migration cannot handle non-shared storage"),
                    MigrationRule.Excludes(Flag(F.Tunnelled), ErrorCode.OperationInvalid, "tunnelled offline migration does not make sense"),
                    Exclusive("VIR_MIGRATE_LIVE", "VIR_MIGRATE_OFFLINE", F.Live),
                }),
            new MigrationFlagRow(F.Compressed, "VIR_MIGRATE_COMPRESSED", "1.0.3", "compressed",
                "Compress migration data, with the methods given by Compression or the hypervisor's default.",
                rules: new[]
                {
                    MigrationRule.Requires(Parameter(MigrationParameter.Compression), ErrorCode.InvalidArg, "No compression algorithm selected for parallel migration")
                        .OnlyWhen(Flag(F.Parallel)),
                }),
            new MigrationFlagRow(F.AbortOnError, "VIR_MIGRATE_ABORT_ON_ERROR", "1.1.0", "abort on I/O error",
                "Cancel the migration when a soft error such as an I/O error happens."),
            new MigrationFlagRow(F.AutoConverge, "VIR_MIGRATE_AUTO_CONVERGE", "1.2.3", "auto-converge",
                "Slow the guest down when needed so that the migration finishes."),
            new MigrationFlagRow(F.RdmaPinAll, "VIR_MIGRATE_RDMA_PIN_ALL", "1.2.9", "pin all memory for RDMA",
                "With an rdma:// migration URI, pin all guest memory before migrating instead of page by page."),
            new MigrationFlagRow(F.Postcopy, "VIR_MIGRATE_POSTCOPY", "1.3.3", "post-copy allowed",
                "Allow switching to post-copy (the guest runs on the destination while remaining pages follow).",
                rules: new[]
                {
                    MigrationRule.Requires(Flag(F.Live), ErrorCode.ArgumentUnsupported, PostcopyLive),
                    MigrationRule.Excludes(Flag(F.Paused), ErrorCode.ArgumentUnsupported, PostcopyLive),
                    MigrationRule.Excludes(Flag(F.Tunnelled), ErrorCode.ArgumentUnsupported, "post-copy is not supported with tunnelled migration"),
                }),
            new MigrationFlagRow(F.Tls, "VIR_MIGRATE_TLS", "3.2.0", "TLS",
                "Encrypt the hypervisor's migration channel with TLS."),
            new MigrationFlagRow(F.Parallel, "VIR_MIGRATE_PARALLEL", "5.2.0", "parallel",
                "Send memory over several connections (see ParallelConnections).",
                rules: new[] { Exclusive("VIR_MIGRATE_TUNNELLED", "VIR_MIGRATE_PARALLEL", F.Tunnelled) }),
            new MigrationFlagRow(F.NonSharedSynchronousWrites, "VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES", "8.0.0", "synchronous disk writes",
                "Write guest disk writes synchronously to the destination during storage copy so that it converges.",
                rules: new[]
                {
                    MigrationRule.Requires(AnyFlag(F.NonSharedDisk, F.NonSharedIncremental), ErrorCode.InvalidArg,
                        "Flag 'VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC' is required by flag 'VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES'"),
                },
                aliases: new[] { "CopyStorageSynchronousWrites" }),
            new MigrationFlagRow(F.PostcopyResume, "VIR_MIGRATE_POSTCOPY_RESUME", "8.5.0", "resume failed post-copy",
                "Resume a migration that failed during its post-copy phase.",
                rules: new[]
                {
                    MigrationRule.Requires(Flag(F.Postcopy), ErrorCode.ArgumentUnsupported, "resuming failed post-copy migration requires post-copy to be enabled"),
                }),
            new MigrationFlagRow(F.ZeroCopy, "VIR_MIGRATE_ZEROCOPY", "8.5.0", "zero-copy",
                "Send memory without copying it to socket buffers (parallel migration only).",
                rules: new[]
                {
                    MigrationRule.Requires(Flag(F.Parallel), ErrorCode.OperationInvalid, "zero-copy is only available for parallel migration"),
                }),
        };

        private static readonly MigrationFlagRow[] ByBit;

        // Builds the array indexed by bit position; throws (TypeInitializationException) on a missing or duplicated row.
        static MigrationFlagTable()
        {
            ByBit = TableChecks.IndexByEnum(Rows, r => r.Id, r => TableChecks.BitIndex(r.Value), nameof(MigrationFlagTable));
        }

        /// <summary>The row of a flag (an array lookup by bit position).</summary>
        public static MigrationFlagRow Get(MigrationFlag id) => ByBit[TableChecks.BitIndex((uint)id)];
    }
}
