using System;

namespace Libvirt.Engine.Model
{
    /// <summary>A libvirt domain (a virtual machine) as seen on one host at one moment.</summary>
    public sealed class VMDomain : ILibvirtObject
    {
        public string Name { get; set; } = "";

        /// <summary>The running id, or null when the domain is not running (libvirt's -1).</summary>
        public int? Id { get; set; }

        public Guid Uuid { get; set; }
        public DomainState State { get; set; }
        public string StateReason { get; set; } = "Unknown";
        public int VCpus { get; set; }
        public long MemoryMB { get; set; }
        public long MaxMemoryMB { get; set; }
        public TimeSpan CpuTime { get; set; }
        public bool Persistent { get; set; }
        public bool Autostart { get; set; }

        /// <summary>Hostname of the host the domain lives on.</summary>
        public string Host { get; set; } = "";

        /// <summary>URI of the connection the domain was read through.</summary>
        public string Uri { get; set; } = "";

        public bool IsActive => Id.HasValue;

        /// <summary>What a driver needs to address this domain.</summary>
        public DomainIdentity ToIdentity() => new DomainIdentity(Name, Uuid, Id ?? -1);

        public override string ToString() => Name;
    }
}
