using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Events;

namespace Libvirt.PowerShell.Events
{
    /// <summary>
    /// What Register-VMDomainEvent hands to PowerShell's event manager: a .NET event (<see cref="Received"/>)
    /// raised for every matching domain event of its hosts, so $Event.SourceEventArgs is the
    /// <see cref="DomainEvent"/>. Unregister-Event ends the host registrations (and closes connections this
    /// source opened itself).
    /// </summary>
    public sealed class DomainEventSource : IDisposable
    {
        private readonly List<DomainEventSubscription> _subscriptions = new List<DomainEventSubscription>();
        private readonly List<VMHostConnection> _owned = new List<VMHostConnection>();
        private int _disposed;

        internal DomainEventSource() { }

        /// <summary>Raised on the connection's event thread; PowerShell queues it for the session.</summary>
        public event EventHandler<DomainEvent>? Received;

        /// <summary>The hosts this source listens to.</summary>
        public IReadOnlyList<string> Uris { get { lock (_subscriptions) return _subscriptions.Select(s => s.Connection.Uri).ToList(); } }

        /// <summary>How many times a registration was made again after its connection was reopened.</summary>
        public int Resubscriptions { get { lock (_subscriptions) return _subscriptions.Sum(s => s.Resubscriptions); } }

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        internal void Raise(DomainEvent e) => Received?.Invoke(this, e);

        internal void Add(DomainEventSubscription subscription, bool ownsConnection)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(subscription);
                if (ownsConnection) _owned.Add(subscription.Connection);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            DomainEventSubscription[] subscriptions;
            lock (_subscriptions) subscriptions = _subscriptions.ToArray();
            foreach (var s in subscriptions) s.Dispose();
            foreach (var c in _owned) c.Dispose();
        }
    }
}
