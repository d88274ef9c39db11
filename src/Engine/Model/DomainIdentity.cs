using System;

namespace Libvirt.Engine.Model
{
    /// <summary>
    /// What identifies a domain to a driver: libvirt's remote_nonnull_domain (name, UUID, id; id is -1 when
    /// inactive). Daemons resolve it by UUID.
    /// </summary>
    public readonly struct DomainIdentity : IEquatable<DomainIdentity>
    {
        public DomainIdentity(string name, Guid uuid, int id)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Uuid = uuid;
            Id = id;
        }

        public string Name { get; }
        public Guid Uuid { get; }
        public int Id { get; }

        public bool Equals(DomainIdentity other) => Uuid == other.Uuid;
        public override bool Equals(object? obj) => obj is DomainIdentity o && Equals(o);
        public override int GetHashCode() => Uuid.GetHashCode();
        public override string ToString() => Name;
    }
}
