using System;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// libvirt's virDomainMigrateFlags. The value of each member is its libvirt bit; each member has exactly
    /// one row in <see cref="MigrationFlagTable"/>.
    /// </summary>
    [Flags]
    public enum MigrationFlag : uint
    {
        None = 0,
        Live = 1u << 0,
        PeerToPeer = 1u << 1,
        Tunnelled = 1u << 2,
        PersistDestination = 1u << 3,
        UndefineSource = 1u << 4,
        Paused = 1u << 5,
        NonSharedDisk = 1u << 6,
        NonSharedIncremental = 1u << 7,
        ChangeProtection = 1u << 8,
        Unsafe = 1u << 9,
        Offline = 1u << 10,
        Compressed = 1u << 11,
        AbortOnError = 1u << 12,
        AutoConverge = 1u << 13,
        RdmaPinAll = 1u << 14,
        Postcopy = 1u << 15,
        Tls = 1u << 16,
        Parallel = 1u << 17,
        NonSharedSynchronousWrites = 1u << 18,
        PostcopyResume = 1u << 19,
        ZeroCopy = 1u << 20,
    }
}
