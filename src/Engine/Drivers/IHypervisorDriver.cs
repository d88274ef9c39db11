using System;
using Libvirt.Engine.Uris;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// One open connection to a hypervisor, shaped like libvirt's virConnect: a small connection-level object
    /// that hands out one driver per object kind (<see cref="IHostDriver"/>, <see cref="IDomainDriver"/>,
    /// <see cref="IMigrationDriver"/>; networks, storage, events later). A driver that lacks a kind returns null
    /// from <see cref="Kind{TKind}"/>, and <see cref="DriverKinds"/> turns that into the one NoSupport error, as a
    /// NULL entry in libvirt's driver tables does. Adding a kind adds an interface, not a method to every driver.
    /// </summary>
    public interface IHypervisorDriver : IDisposable
    {
        LibvirtUri Uri { get; }

        /// <summary>This connection's driver for one object kind, or null when it has none.</summary>
        TKind? Kind<TKind>() where TKind : class;
    }
}
