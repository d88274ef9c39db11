using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Events
{
    /// <summary>
    /// Domain events of some kinds from one host connection, for as long as the subscription lives. When the
    /// connection's transport dies, the subscription heals it (<see cref="ConnectionSet.Heal"/>, the same
    /// reconnect the next cmdlet would make) and registers again on the new driver; events the host sent
    /// while the connection was down are lost, and <see cref="Reconnected"/> says so.
    /// </summary>
    public sealed class DomainEventSubscription : IDisposable
    {
        /// <summary>How often a dead connection is noticed and a reconnect tried.</summary>
        public static TimeSpan HealInterval { get; set; } = TimeSpan.FromSeconds(1);

        private readonly VMHostConnection _connection;
        private readonly DomainEventKind[] _kinds;
        private readonly Action<DomainEvent> _handler;
        private readonly object _gate = new object();
        private readonly Timer _timer;
        private List<IDomainEventRegistration> _registrations = new List<IDomainEventRegistration>();
        private IHypervisorDriver? _subscribedDriver;
        private int _healing;
        private bool _disposed;

        private DomainEventSubscription(VMHostConnection connection, DomainEventKind[] kinds, Action<DomainEvent> handler)
        {
            _connection = connection;
            _kinds = kinds;
            _handler = handler;
            _timer = new Timer(_ => CheckHealth(), null, Timeout.Infinite, Timeout.Infinite);
        }

        public VMHostConnection Connection => _connection;
        public IReadOnlyList<DomainEventKind> Kinds => _kinds;

        /// <summary>How many times the registrations were made again after the connection was reopened.</summary>
        public int Resubscriptions { get; private set; }

        /// <summary>Raised after the connection died and the registrations were made again (with the failure that was healed).</summary>
        public event Action<string>? Reconnected;

        /// <summary>Raised when healing failed (it is tried again after <see cref="HealInterval"/>).</summary>
        public event Action<LibvirtException>? ReconnectFailed;

        /// <summary>Registers <paramref name="handler"/> for every kind in <paramref name="kinds"/> on the connection's host.</summary>
        public static async Task<DomainEventSubscription> StartAsync(VMHostConnection connection, IEnumerable<DomainEventKind> kinds,
            Action<DomainEvent> handler, CancellationToken cancellationToken)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            var distinct = (kinds ?? throw new ArgumentNullException(nameof(kinds))).Distinct().ToArray();
            if (distinct.Length == 0) throw new ArgumentException("at least one event kind is needed", nameof(kinds));
            var subscription = new DomainEventSubscription(connection, distinct, handler ?? throw new ArgumentNullException(nameof(handler)));
            await subscription.RegisterAsync(connection.Driver, cancellationToken).ConfigureAwait(false);
            subscription._timer.Change(HealInterval, HealInterval);
            return subscription;
        }

        private async Task RegisterAsync(IHypervisorDriver driver, CancellationToken cancellationToken)
        {
            var events = driver.DomainEvents();
            var tasks = _kinds.Select(k => events.SubscribeAsync(k, Deliver, cancellationToken)).ToArray();
            try { await Task.WhenAll(tasks).ConfigureAwait(false); }
            catch
            {
                foreach (var t in tasks) if (t.Status == TaskStatus.RanToCompletion) t.Result.Dispose();
                throw;
            }
            lock (_gate)
            {
                if (_disposed)
                {
                    foreach (var t in tasks) t.Result.Dispose();
                    return;
                }
                _registrations = tasks.Select(t => t.Result).ToList();
                _subscribedDriver = driver;
            }
        }

        private void Deliver(DomainEvent e)
        {
            lock (_gate) if (_disposed) return;
            _handler(e);
        }

        private void CheckHealth()
        {
            if (Interlocked.Exchange(ref _healing, 1) != 0) return;
            try
            {
                lock (_gate) if (_disposed) return;
                if (_connection.IsClosed) return;
                var failure = _connection.Failure;
                if (failure == null && ReferenceEquals(_connection.Driver, _subscribedDriver)) return;
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    ConnectionSet.Heal(_connection, cts.Token);
                    RegisterAsync(_connection.Driver, cts.Token).GetAwaiter().GetResult();
                    Resubscriptions++;
                    Reconnected?.Invoke(failure?.Message ?? "the connection was reopened");
                }
                catch (LibvirtException e) { ReconnectFailed?.Invoke(e); }
                catch (OperationCanceledException)
                {
                    ReconnectFailed?.Invoke(new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.None,
                        $"Timed out reconnecting to '{_connection.Uri}' to receive its events again."));
                }
            }
            finally { Volatile.Write(ref _healing, 0); }
        }

        /// <summary>Deregisters on the host (waiting for its answers) and stops delivery at once.</summary>
        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            List<IDomainEventRegistration> registrations;
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                registrations = _registrations;
                _registrations = new List<IDomainEventRegistration>();
            }
            _timer.Dispose();
            var closing = registrations.Select(r => r.CloseAsync(cancellationToken)).ToArray();
            try { await Task.WhenAll(closing).ConfigureAwait(false); }
            catch (LibvirtException) when (!_connection.IsOpen) { }
        }

        public void Dispose()
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                CloseAsync(cts.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is LibvirtException || e is OperationCanceledException) { }
        }
    }
}
