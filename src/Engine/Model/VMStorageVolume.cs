namespace Libvirt.Engine.Model
{
    /// <summary>A storage volume of a pool as seen on one host at one moment (sizes in bytes).</summary>
    public sealed class VMStorageVolume
    {
        public string Name { get; set; } = "";
        public string Pool { get; set; } = "";
        public string Key { get; set; } = "";
        public string Path { get; set; } = "";
        public StorageVolumeType Type { get; set; }
        public ulong Capacity { get; set; }
        public ulong Allocation { get; set; }

        /// <summary>The image format (raw, qcow2, ...) from the volume's XML; null when not read.</summary>
        public string? Format { get; set; }

        /// <summary>The backing volume's path for a copy-on-write overlay, else null.</summary>
        public string? BackingStore { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        public StorageVolumeIdentity ToIdentity() => new StorageVolumeIdentity(Pool, Name, Key);

        public override string ToString() => Name;
    }
}
