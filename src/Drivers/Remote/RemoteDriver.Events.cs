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
    /// Domain events: each subscription is one CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY with a callback id
    /// of its own, and every event MESSAGE goes to the one subscription its leading callbackID names.
    /// </summary>
    public sealed partial class RemoteDriver : IDomainEventDriver
    {
        private readonly object _eventGate = new object();
        private readonly Dictionary<int, Action<Packet>> _callbacks = new Dictionary<int, Action<Packet>>();
        private readonly Dictionary<int, IDisposable> _procedureSubscriptions = new Dictionary<int, IDisposable>();

        // Events that arrived before the reply that tells their callback id was handled (the reader may run
        // ahead of the registering continuation): kept while a registration is in flight, then claimed.
        private readonly List<(int CallbackId, Packet Packet)> _unclaimed = new List<(int, Packet)>();
        private int _registering;

        /// <summary>How many event registrations this connection holds on the daemon (for tests).</summary>
        internal int EventCallbackCount { get { lock (_eventGate) return _callbacks.Count; } }

        public async Task<IDomainEventRegistration> SubscribeAsync(DomainEventKind kind, Action<DomainEvent> handler, CancellationToken cancellationToken)
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
            var procedure = DomainEventCodec.ProcedureOf(kind);
            lock (_eventGate)
            {
                if (!_procedureSubscriptions.ContainsKey(procedure))
                    _procedureSubscriptions[procedure] = _client.Subscribe(Programs.Remote, procedure, OnEventPacket);
                _registering++;
            }
            int callbackId;
            try
            {
                callbackId = await CallAsync(EventProcedures.ConnectDomainEventCallbackRegisterAny, (int)kind, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_eventGate) { if (--_registering == 0) _unclaimed.Clear(); }
                throw;
            }
            void Deliver(Packet packet)
            {
                DomainEvent e;
                try { e = DomainEventCodec.Read(kind, packet.Payload); }
                catch (Exception ex) when (ex is LibvirtException || ex is ArgumentException || ex is InvalidOperationException)
                {
                    _options.Verbose?.Invoke($"Dropped a malformed {kind} event: {ex.Message}");
                    return;
                }
                e.Uri = Uri.OriginalString;
                e.Host = _hostname ?? "";
                handler(e);
            }
            List<Packet> early = new List<Packet>();
            lock (_eventGate)
            {
                _callbacks[callbackId] = Deliver;
                _unclaimed.RemoveAll(u => { if (u.CallbackId != callbackId) return false; early.Add(u.Packet); return true; });
                if (--_registering == 0) _unclaimed.Clear();
            }
            foreach (var packet in early) Deliver(packet);
            return new EventRegistration(this, kind, callbackId);
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
            Action<Packet>? deliver;
            lock (_eventGate)
            {
                if (!_callbacks.TryGetValue(callbackId, out deliver))
                {
                    if (_registering > 0) _unclaimed.Add((callbackId, packet));
                    else _options.Verbose?.Invoke($"Dropped an event for callback {callbackId}, which this connection does not hold (deregistered?)");
                    return;
                }
            }
            try { deliver(packet); }
            catch (Exception e) { _options.Verbose?.Invoke($"Event handler for callback {callbackId} failed: {e.Message}"); }
        }

        private async Task DeregisterAsync(int callbackId, CancellationToken cancellationToken)
        {
            lock (_eventGate) if (!_callbacks.Remove(callbackId)) return;
            // A dead or closed connection holds no registrations on the daemon any more.
            if (_client.Failure != null || Volatile.Read(ref _disposed) != 0) return;
            await CallAsync(EventProcedures.ConnectDomainEventCallbackDeregisterAny, callbackId, cancellationToken).ConfigureAwait(false);
        }

        private sealed class EventRegistration : IDomainEventRegistration
        {
            private readonly RemoteDriver _driver;
            private readonly int _callbackId;
            private int _closed;

            public EventRegistration(RemoteDriver driver, DomainEventKind kind, int callbackId)
            {
                _driver = driver;
                Kind = kind;
                _callbackId = callbackId;
            }

            public DomainEventKind Kind { get; }

            public Task CloseAsync(CancellationToken cancellationToken) =>
                Interlocked.Exchange(ref _closed, 1) != 0 ? Task.CompletedTask : _driver.DeregisterAsync(_callbackId, cancellationToken);

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
                    _driver._options.Verbose?.Invoke($"Deregistering event callback {_callbackId} failed: {e.Message}");
                }
            }
        }
    }
}
