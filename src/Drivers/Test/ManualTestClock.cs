using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// A clock that only moves when told to (<see cref="Advance"/>): a migration at 128 MiB/s of 256 MiB is
    /// half done after Advance(1 s), whatever the machine's load. Delays complete asynchronously, never inside
    /// Advance, so the code that waited runs on after Advance has returned; <see cref="WaitForWaiters"/> tells
    /// when it is waiting again.
    /// </summary>
    public sealed class ManualTestClock : ITestClock
    {
        private readonly object _sync = new object();
        private readonly List<Waiter> _waiters = new List<Waiter>();
        private TimeSpan _now;

        public TimeSpan Now { get { lock (_sync) return _now; } }

        /// <summary>How many delays are pending.</summary>
        public int Waiters { get { lock (_sync) return _waiters.Count; } }

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
            var waiter = new Waiter();
            lock (_sync)
            {
                if (delay <= TimeSpan.Zero) return Task.CompletedTask;
                waiter.Due = _now + delay;
                _waiters.Add(waiter);
                Monitor.PulseAll(_sync);
            }
            if (cancellationToken.CanBeCanceled)
                waiter.Registration = cancellationToken.Register(() =>
                {
                    lock (_sync) _waiters.Remove(waiter);
                    waiter.Done.TrySetCanceled(cancellationToken);
                });
            return waiter.Done.Task;
        }

        /// <summary>Moves time on and completes every delay that is due.</summary>
        public void Advance(TimeSpan by)
        {
            var due = new List<Waiter>();
            lock (_sync)
            {
                _now += by;
                due.AddRange(_waiters.FindAll(w => w.Due <= _now));
                _waiters.RemoveAll(w => w.Due <= _now);
            }
            foreach (var w in due)
            {
                w.Registration.Dispose();
                w.Done.TrySetResult(true);
            }
        }

        /// <summary>
        /// Blocks until at least <paramref name="count"/> delays are pending; false when that did not happen
        /// within <paramref name="timeout"/>, which only guards a test from hanging and asserts nothing about speed.
        /// </summary>
        public bool WaitForWaiters(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_sync)
            {
                while (_waiters.Count < count)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return false;
                    Monitor.Wait(_sync, left);
                }
                return true;
            }
        }

        private sealed class Waiter
        {
            public TimeSpan Due;
            public CancellationTokenRegistration Registration;
            public readonly TaskCompletionSource<bool> Done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
