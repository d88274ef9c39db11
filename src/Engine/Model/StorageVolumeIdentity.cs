using System;

namespace Libvirt.Engine.Model
{
    /// <summary>
    /// What identifies a storage volume to a driver: libvirt's remote_nonnull_storage_vol (pool name, volume
    /// name, key). Volumes have no UUID; daemons resolve them by pool and name.
    /// </summary>
    public readonly struct StorageVolumeIdentity : IEquatable<StorageVolumeIdentity>
    {
        public StorageVolumeIdentity(string pool, string name, string key)
        {
            Pool = pool ?? throw new ArgumentNullException(nameof(pool));
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Key = key ?? throw new ArgumentNullException(nameof(key));
        }

        public string Pool { get; }
        public string Name { get; }
        public string Key { get; }

        public bool Equals(StorageVolumeIdentity other) => Pool == other.Pool && Name == other.Name;
        public override bool Equals(object? obj) => obj is StorageVolumeIdentity o && Equals(o);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Pool) ^ StringComparer.Ordinal.GetHashCode(Name);
        public override string ToString() => Name;
    }
}
