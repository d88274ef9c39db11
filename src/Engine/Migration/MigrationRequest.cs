using System;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Migration
{
    /// <summary>How a migration is driven.</summary>
    public enum MigrationMode
    {
        /// <summary>The engine drives Begin/Prepare/Perform/Finish/Confirm over two connections (virDomainMigrate3).</summary>
        Managed,
        /// <summary>One Perform on the source, whose daemon drives the destination itself (virDomainMigrateToURI3 with PEER2PEER).</summary>
        PeerToPeer,
    }

    /// <summary>What to migrate, where, and how.</summary>
    public sealed class MigrationRequest
    {
        public MigrationRequest(DomainIdentity domain, IMigrationDriver source, MigrationParameterSet parameters)
        {
            Domain = domain;
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        }

        public DomainIdentity Domain { get; }

        public IMigrationDriver Source { get; }

        /// <summary>The destination's driver; required for managed migration.</summary>
        public IMigrationDriver? Destination { get; set; }

        /// <summary>The destination's libvirt URI as the source daemon sees it; required for peer-to-peer migration.</summary>
        public string? DestinationUri { get; set; }

        public MigrationParameterSet Parameters { get; }

        /// <summary>The source host's libvirt release, when known; parameters and flags newer than it are refused.</summary>
        public Version? SourceVersion { get; set; }

        /// <summary>The destination host's libvirt release, when known; parameters and flags newer than it are refused.</summary>
        public Version? DestinationVersion { get; set; }

        /// <summary>The source host's QEMU release, when it runs QEMU; choices that QEMU no longer has are refused.</summary>
        public Version? SourceQemuVersion { get; set; }

        /// <summary>The destination host's QEMU release, when it runs QEMU and is known.</summary>
        public Version? DestinationQemuVersion { get; set; }

        /// <summary>
        /// Whether the source supports change protection (libvirt's feature 7); managed migration then adds
        /// VIR_MIGRATE_CHANGE_PROTECTION to the source's phases, as libvirt's client does.
        /// </summary>
        public bool SourceSupportsChangeProtection { get; set; } = true;

        /// <summary>Receives one line per phase (for -Verbose).</summary>
        public Action<string>? Log { get; set; }

        public MigrationMode Mode =>
            Parameters.HasFlag(MigrationFlag.PeerToPeer) || Parameters.HasFlag(MigrationFlag.Tunnelled) ? MigrationMode.PeerToPeer : MigrationMode.Managed;
    }
}
