using System;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Time as the test hypervisor's simulations see it (a migration's transfer and its job statistics). Hosts
    /// use <see cref="SystemTestClock"/>; tests give a host a <see cref="ManualTestClock"/> with
    /// <see cref="TestDriver.UseClock"/> and move time themselves, so they assert progress, not wall-clock windows.
    /// </summary>
    public interface ITestClock
    {
        /// <summary>Time since an arbitrary start; only differences mean something.</summary>
        TimeSpan Now { get; }

        /// <summary>Completes once <paramref name="delay"/> has passed on this clock; cancelled with the token.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }
}
