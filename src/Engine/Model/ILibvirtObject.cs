using System;

namespace Libvirt.Engine.Model
{
    /// <summary>What every libvirt object read from a host carries: its name and UUID, and where it was read.</summary>
    public interface ILibvirtObject
    {
        string Name { get; }
        Guid Uuid { get; }

        /// <summary>Hostname of the host the object lives on.</summary>
        string Host { get; }

        /// <summary>URI of the connection the object was read through.</summary>
        string Uri { get; }
    }
}
