namespace Libvirt.Engine.Model
{
    /// <summary>virStoragePoolState, the numbers on the wire.</summary>
    public enum StoragePoolState
    {
        Inactive = 0,
        Building = 1,
        Running = 2,
        Degraded = 3,
        Inaccessible = 4,
    }
}
