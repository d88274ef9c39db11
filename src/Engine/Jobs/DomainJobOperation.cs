namespace Libvirt.Engine.Jobs
{
    /// <summary>libvirt's virDomainJobOperation: what a job is doing (the "operation" job statistic).</summary>
    public enum DomainJobOperation
    {
        Unknown = 0,
        Start = 1,
        Save = 2,
        Restore = 3,
        MigrationIn = 4,
        MigrationOut = 5,
        Snapshot = 6,
        SnapshotRevert = 7,
        Dump = 8,
        Backup = 9,
        SnapshotDelete = 10,
    }
}
