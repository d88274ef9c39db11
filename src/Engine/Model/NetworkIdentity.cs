using System;

namespace Libvirt.Engine.Model
{
    /// <summary>What identifies a network to a driver: libvirt's remote_nonnull_network (name, UUID).</summary>
    public readonly struct NetworkIdentity : IEquatable<NetworkIdentity>
    {
        public NetworkIdentity(string name, Guid uuid)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Uuid = uuid;
        }

        public string Name { get; }
        public Guid Uuid { get; }

        public bool Equals(NetworkIdentity other) => Uuid == other.Uuid;
        public override bool Equals(object? obj) => obj is NetworkIdentity o && Equals(o);
        public override int GetHashCode() => Uuid.GetHashCode();
        public override string ToString() => Name;
    }
}
