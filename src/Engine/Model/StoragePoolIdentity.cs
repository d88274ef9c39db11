using System;

namespace Libvirt.Engine.Model
{
    /// <summary>What identifies a storage pool to a driver: libvirt's remote_nonnull_storage_pool (name, UUID).</summary>
    public readonly struct StoragePoolIdentity : IEquatable<StoragePoolIdentity>
    {
        public StoragePoolIdentity(string name, Guid uuid)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Uuid = uuid;
        }

        public string Name { get; }
        public Guid Uuid { get; }

        public bool Equals(StoragePoolIdentity other) => Uuid == other.Uuid;
        public override bool Equals(object? obj) => obj is StoragePoolIdentity o && Equals(o);
        public override int GetHashCode() => Uuid.GetHashCode();
        public override string ToString() => Name;
    }
}
