using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Framing;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Events;

namespace Libvirt.Drivers.Remote
{
    /// <summary>
    /// Domain events. The daemon takes one CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY per event kind and
    /// connection ("event callback already tracked" for a second one, libvirt 9.0 and 11.3), so as libvirt's
    /// own client does, every subscription of a kind shares that one registration: the first registers, the
    /// last to leave deregisters. Each event MESSAGE is routed by its leading callbackID to that kind's subscribers.
    /// </summary>
    public sealed partial class RemoteDriver : IDomainEventDriver
    {
        private readonly object _eventGate = new object();
        private readonly Dictionary<DomainEventKind, KindRegistration> _byKind = new Dictionary<DomainEventKind, KindRegistration>();
        private readonly Dictionary<int, KindRegistration> _byCallback = new Dictionary<int, KindRegistration>();
        private readonly Dictionary<int, IDisposable> _procedureSubscriptions = new Dictionary<int, IDisposable>();

        // Events that arrived before the reply that tells their callback id was handled (the reader may run
        // ahead of the registering continuation): kept while a registration is in flight, then claimed.
        private readonly List<(int CallbackId, Packet Packet)> _unclaimed = new List<(int, Packet)>();
        private int _registering;

        /// <summary>How many event registrations this connection holds on the daemon (for tests).</summary>
        internal int EventCallbackCount { get { lock (_eventGate) return _byCallback.Count; } }

        public async Task<IDomainEventRegistration> SubscribeAsync(DomainEventKind kind, Action<DomainEvent> handler, CancellationToken cancellationToken)
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
            var procedure = DomainEventCodec.ProcedureOf(kind);
            ThrowIfDisposed();
            KindRegistration registration;
            bool first;
            lock (_eventGate)
            {
                if (!_procedureSubscriptions.ContainsKey(procedure))
                    _procedureSubscriptions[procedure] = _client.Subscribe(Programs.Remote, procedure, OnEventPacket);
                first = !_byKind.TryGetValue(kind, out registration!);
                if (first)
                {
                    registration = new KindRegistration(kind);
                    _byKind[kind] = registration;
                    _registering++;
                }
                registration.Handlers.Add(handler);
            }
            if (first) _ = CompleteAsync(registration, cancellationToken);
            // Later subscriptions of the kind wait for the first one's answer.
            try { await registration.Registered.Task.ConfigureAwait(false); }
            catch
            {
                lock (_eventGate) registration.Handlers.Remove(handler);
                throw;
            }
            return new EventRegistration(this, registration, handler);
        }

        private async Task CompleteAsync(KindRegistration registration, CancellationToken cancellationToken)
        {
            try
            {
                await RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
                registration.Registered.TrySetResult(true);
            }
            catch (OperationCanceledException) { registration.Registered.TrySetCanceled(); }
            catch (Exception e) { registration.Registered.TrySetException(e); }
        }

        private async Task RegisterAsync(KindRegistration registration, CancellationToken cancellationToken)
        {
            int callbackId;
            try
            {
                callbackId = await CallAsync(EventProcedures.ConnectDomainEventCallbackRegisterAny, (int)registration.Kind, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_eventGate)
                {
                    if (_byKind.TryGetValue(registration.Kind, out var r) && r == registration) _byKind.Remove(registration.Kind);
                    if (--_registering == 0) _unclaimed.Clear();
                }
                throw;
            }
            var early = new List<Packet>();
            lock (_eventGate)
            {
                registration.CallbackId = callbackId;
                _byCallback[callbackId] = registration;
                _unclaimed.RemoveAll(u => { if (u.CallbackId != callbackId) return false; early.Add(u.Packet); return true; });
                if (--_registering == 0) _unclaimed.Clear();
            }
            foreach (var packet in early) Deliver(registration, packet);
        }

        private void OnEventPacket(Packet packet)
        {
            int callbackId;
            try { callbackId = DomainEventCodec.ReadCallbackId(packet.Payload); }
            catch (LibvirtException e)
            {
                _options.Verbose?.Invoke("Dropped an event without a callback id: " + e.Message);
                return;
            }
            KindRegistration? registration;
            lock (_eventGate)
            {
                if (!_byCallback.TryGetValue(callbackId, out registration))
                {
                    if (_registering > 0) _unclaimed.Add((callbackId, packet));
                    else _options.Verbose?.Invoke($"Dropped an event for callback {callbackId}, which this connection does not hold (deregistered?)");
                    return;
                }
            }
            Deliver(registration, packet);
        }

        private void Deliver(KindRegistration registration, Packet packet)
        {
            DomainEvent e;
            try { e = DomainEventCodec.Read(registration.Kind, packet.Payload); }
            catch (Exception ex) when (ex is LibvirtException || ex is ArgumentException || ex is InvalidOperationException)
            {
                _options.Verbose?.Invoke($"Dropped a malformed {registration.Kind} event: {ex.Message}");
                return;
            }
            e.Uri = Uri.OriginalString;
            e.Host = _hostname ?? "";
            Action<DomainEvent>[] handlers;
            lock (_eventGate) handlers = registration.Handlers.ToArray();
            foreach (var handler in handlers)
            {
                try { handler(e); }
                catch (Exception ex) { _options.Verbose?.Invoke($"A {registration.Kind} event handler failed: {ex.Message}"); }
            }
        }

        private async Task UnsubscribeAsync(KindRegistration registration, Action<DomainEvent> handler, CancellationToken cancellationToken)
        {
            int callbackId;
            lock (_eventGate)
            {
                if (!registration.Handlers.Remove(handler) || registration.Handlers.Count > 0 || registration.CallbackId == null) return;
                callbackId = registration.CallbackId.Value;
                _byCallback.Remove(callbackId);
                if (_byKind.TryGetValue(registration.Kind, out var r) && r == registration) _byKind.Remove(registration.Kind);
            }
            // A dead or closed connection holds no registrations on the daemon any more.
            if (_client.Failure != null || Volatile.Read(ref _disposed) != 0) return;
            await CallAsync(EventProcedures.ConnectDomainEventCallbackDeregisterAny, callbackId, cancellationToken).ConfigureAwait(false);
        }

        private sealed class KindRegistration
        {
            public KindRegistration(DomainEventKind kind) { Kind = kind; }
            public DomainEventKind Kind { get; }
            public List<Action<DomainEvent>> Handlers { get; } = new List<Action<DomainEvent>>();
            public int? CallbackId { get; set; }
            public TaskCompletionSource<bool> Registered { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private sealed class EventRegistration : IDomainEventRegistration
        {
            private readonly RemoteDriver _driver;
            private readonly KindRegistration _registration;
            private readonly Action<DomainEvent> _handler;
            private int _closed;

            public EventRegistration(RemoteDriver driver, KindRegistration registration, Action<DomainEvent> handler)
            {
                _driver = driver;
                _registration = registration;
                _handler = handler;
            }

            public DomainEventKind Kind => _registration.Kind;

            public Task CloseAsync(CancellationToken cancellationToken) =>
                Interlocked.Exchange(ref _closed, 1) != 0 ? Task.CompletedTask : _driver.UnsubscribeAsync(_registration, _handler, cancellationToken);

            public void Dispose()
            {
                // Stops delivery at once; the daemon's DEREGISTER reply is waited for briefly, never forever.
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    Wait(CloseAsync(cts.Token));
                }
                catch (Exception e) when (e is LibvirtException || e is OperationCanceledException)
                {
                    _driver._options.Verbose?.Invoke($"Deregistering the {Kind} event callback failed: {e.Message}");
                }
            }
        }
    }
}
