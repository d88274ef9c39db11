using System;

namespace Libvirt.Engine.Model
{
    /// <summary>A libvirt storage pool as seen on one host at one moment (sizes in bytes).</summary>
    public sealed class VMStoragePool : ILibvirtObject
    {
        public string Name { get; set; } = "";
        public Guid Uuid { get; set; }
        public StoragePoolState State { get; set; }
        public ulong Capacity { get; set; }
        public ulong Allocation { get; set; }
        public ulong Available { get; set; }
        public bool Persistent { get; set; }
        public bool Autostart { get; set; }

        /// <summary>The pool's type (dir, fs, logical, ...) and target path, from its XML; null when not read.</summary>
        public string? Type { get; set; }
        public string? Path { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        public bool IsActive => State != StoragePoolState.Inactive;

        public StoragePoolIdentity ToIdentity() => new StoragePoolIdentity(Name, Uuid);

        public override string ToString() => Name;
    }
}
