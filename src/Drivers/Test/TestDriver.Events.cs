using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Events;

namespace Libvirt.Drivers.Test
{
    /// <summary>Domain events of the in-process host; like libvirt's test driver it emits lifecycle events only.</summary>
    public sealed partial class TestDriver : IDomainEventDriver
    {
        public Task<IDomainEventRegistration> SubscribeAsync(DomainEventKind kind, Action<DomainEvent> handler, CancellationToken cancellationToken) =>
            AsTask<IDomainEventRegistration>(() =>
            {
                if (handler == null) throw new ArgumentNullException(nameof(handler));
                CheckOpen();
                var hostname = _host.Hostname;
                var uri = UriText;
                var removal = _host.Events.Add(kind, e =>
                {
                    if (Volatile.Read(ref _closed) != 0) return;
                    e.Host = hostname;
                    e.Uri = uri;
                    handler(e);
                });
                return new Registration(kind, removal);
            });

        private sealed class Registration : IDomainEventRegistration
        {
            private readonly IDisposable _removal;
            public Registration(DomainEventKind kind, IDisposable removal) { Kind = kind; _removal = removal; }
            public DomainEventKind Kind { get; }
            public Task CloseAsync(CancellationToken cancellationToken) { _removal.Dispose(); return Task.CompletedTask; }
            public void Dispose() => _removal.Dispose();
        }
    }
}
