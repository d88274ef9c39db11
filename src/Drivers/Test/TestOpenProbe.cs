using System;
using System.Threading;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Test hook that makes concurrent opening observable: once armed, each open of an embedded host whose name
    /// starts with a prefix waits until <c>rendezvous</c> such opens are in flight together (or a timeout), and the most ever in
    /// flight is recorded. A command that opens N hosts (N a multiple of the rendezvous) with a throttle limit equal
    /// to the rendezvous then shows a peak of exactly that limit: lower means the hosts were not opened at the same
    /// time (the waits end by the timeout, counted in <see cref="TimedOut"/>). Armed with a rendezvous of the limit
    /// plus one and a short timeout, a command that honours its limit never completes a group (every open times out)
    /// and shows a peak of the limit; one that opens more at once shows a higher peak. The timeout is how long an
    /// open waits for company, never something a test asserts.
    /// </summary>
    public static class TestOpenProbe
    {
        private static readonly object Gate = new object();
        private static string? _prefix;
        private static int _rendezvous;
        private static int _inFlight;
        private static int _released;
        private static TimeSpan _timeout;

        public static int Peak { get; private set; }
        public static int Opens { get; private set; }
        public static int TimedOut { get; private set; }

        public static void Arm(string namePrefix, int rendezvous) => Arm(namePrefix, rendezvous, 10000);

        public static void Arm(string namePrefix, int rendezvous, int timeoutMilliseconds)
        {
            lock (Gate)
            {
                _timeout = TimeSpan.FromMilliseconds(Math.Max(1, timeoutMilliseconds));
                _prefix = "/" + (namePrefix ?? throw new ArgumentNullException(nameof(namePrefix)));
                _rendezvous = Math.Max(1, rendezvous);
                _inFlight = _released = 0;
                Peak = Opens = TimedOut = 0;
            }
        }

        public static void Disarm()
        {
            lock (Gate)
            {
                _prefix = null;
                Monitor.PulseAll(Gate);
            }
        }

        internal static void Enter(string path)
        {
            lock (Gate)
            {
                if (_prefix == null || !path.StartsWith(_prefix, StringComparison.Ordinal)) return;
                Opens++;
                _inFlight++;
                if (_inFlight > Peak) Peak = _inFlight;
                // Opens in flight together meet: when there are as many as the rendezvous, all of them go on.
                var group = _released;
                if (_inFlight == _rendezvous)
                {
                    _released++;
                    Monitor.PulseAll(Gate);
                }
                var deadline = DateTime.UtcNow + _timeout;
                while (_released <= group && _prefix != null)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) { TimedOut++; break; }
                    Monitor.Wait(Gate, left);
                }
                _inFlight--;
            }
        }
    }
}
