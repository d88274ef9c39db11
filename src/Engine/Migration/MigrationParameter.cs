namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// libvirt's migration typed parameters (VIR_MIGRATE_PARAM_*). Each member is the PowerShell name of its
    /// key (see <see cref="MigrationNaming"/>) and has exactly one row in <see cref="MigrationParameterTable"/>.
    /// Adding a parameter = one member here + one row there.
    /// </summary>
    public enum MigrationParameter
    {
        MigrateUri,
        DestinationName,
        DestinationXml,
        PersistentXml,
        Bandwidth,
        BandwidthPostcopy,
        BandwidthAvailSwitchover,
        GraphicsUri,
        ListenAddress,
        MigrateDisks,
        MigrateDisksDetectZeroes,
        DisksPort,
        DisksUri,
        Compression,
        CompressionMtLevel,
        CompressionMtThreads,
        CompressionMtDthreads,
        CompressionXbzrleCache,
        CompressionZlibLevel,
        CompressionZstdLevel,
        AutoConvergeInitial,
        AutoConvergeIncrement,
        ParallelConnections,
        TlsDestination,
    }
}
