using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Drivers.Test
{
    /// <summary>The real, monotonic clock: what every test host uses unless a test gives it another.</summary>
    public sealed class SystemTestClock : ITestClock
    {
        private static readonly Stopwatch Started = Stopwatch.StartNew();

        private SystemTestClock() { }

        public static SystemTestClock Instance { get; } = new SystemTestClock();

        public TimeSpan Now => Started.Elapsed;

        // A timer, not a thread: a waiting migration holds no thread while it waits.
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
    }
}
