using System;

namespace Libvirt.Engine.Model
{
    /// <summary>A libvirt virtual network as seen on one host at one moment.</summary>
    public sealed class VMNetwork : ILibvirtObject
    {
        public string Name { get; set; } = "";
        public Guid Uuid { get; set; }
        public bool IsActive { get; set; }
        public bool Persistent { get; set; }
        public bool Autostart { get; set; }

        /// <summary>The bridge device, or null when the host has none for it (inactive, or not a bridged network).</summary>
        public string? Bridge { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>"Active" or "Inactive", as virsh net-list shows it.</summary>
        public string State => IsActive ? "Active" : "Inactive";

        public NetworkIdentity ToIdentity() => new NetworkIdentity(Name, Uuid);

        public override string ToString() => Name;
    }
}
