using System;
using System.Collections.Generic;
using Libvirt.Engine.Events;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// A test host's domain events: what libvirt's test driver emits (checked with python3-libvirt on
    /// test:///default) is raised by <see cref="TestHost"/> under its lock, in the order the changes happen,
    /// and handed to every registration of that kind at once (registrations are quick queues).
    /// </summary>
    internal sealed class TestEventHub
    {
        private readonly List<(DomainEventKind Kind, Action<DomainEvent> Handler)> _handlers = new List<(DomainEventKind, Action<DomainEvent>)>();

        public int Count { get { lock (_handlers) return _handlers.Count; } }

        public IDisposable Add(DomainEventKind kind, Action<DomainEvent> handler)
        {
            var entry = (kind, handler);
            lock (_handlers) _handlers.Add(entry);
            return new Removal(this, entry);
        }

        /// <summary>A lifecycle event for <paramref name="dom"/> (libvirt's virDomainEventType and detail).</summary>
        public void Lifecycle(TestDomain dom, DomainLifecycleEventType type, string detail) =>
            Raise(DomainEventKind.Lifecycle, dom, e => { e.Lifecycle = type; e.Type = type.ToString(); e.Detail = detail; });

        private void Raise(DomainEventKind kind, TestDomain dom, Action<DomainEvent> fill)
        {
            (DomainEventKind Kind, Action<DomainEvent> Handler)[] handlers;
            lock (_handlers) handlers = _handlers.ToArray();
            foreach (var h in handlers)
            {
                if (h.Kind != kind) continue;
                var e = new DomainEvent(kind, dom.Name, dom.Uuid, dom.Id ?? -1);
                fill(e);
                try { h.Handler(e); }
                catch (Exception) { /* a failing handler must not undo the host's change; libvirt ignores it too */ }
            }
        }

        private sealed class Removal : IDisposable
        {
            private readonly TestEventHub _hub;
            private readonly (DomainEventKind, Action<DomainEvent>) _entry;
            public Removal(TestEventHub hub, (DomainEventKind, Action<DomainEvent>) entry) { _hub = hub; _entry = entry; }
            public void Dispose() { lock (_hub._handlers) _hub._handlers.Remove(_entry); }
        }
    }
}
