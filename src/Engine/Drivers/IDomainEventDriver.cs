using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Events;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// Domain events of any kind (libvirt's virConnectDomainEventRegisterAny): one registration per kind and
    /// handler, each told only its own events. Handlers run on the driver's event thread: they must be quick
    /// and must not wait for calls on the same connection.
    /// </summary>
    public interface IDomainEventDriver
    {
        /// <summary>Registers <paramref name="handler"/> for events of <paramref name="kind"/>; disposing the result deregisters it.</summary>
        Task<IDomainEventRegistration> SubscribeAsync(DomainEventKind kind, Action<DomainEvent> handler, CancellationToken cancellationToken);
    }

    /// <summary>One registration: <see cref="IDisposable.Dispose"/> or <see cref="CloseAsync"/> ends it on the host too.</summary>
    public interface IDomainEventRegistration : IDisposable
    {
        DomainEventKind Kind { get; }

        /// <summary>Deregisters and waits for the host to confirm (Dispose sends it and does not wait long).</summary>
        Task CloseAsync(CancellationToken cancellationToken);
    }
}
