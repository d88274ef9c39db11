using System;
using System.Threading;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// Test hook that makes concurrent opening observable: once armed, each open of an embedded host whose name
    /// starts with a prefix waits until <c>rendezvous</c> such opens are in flight together, and the most ever in
    /// flight is recorded. A command that opens N hosts (N a multiple of the rendezvous) with a throttle limit equal
    /// to the rendezvous then shows a peak of exactly that limit: lower means the hosts were not opened at the same
    /// time (the waits end by the safety timeout, counted in <see cref="TimedOut"/>), higher means the limit was
    /// not honoured. Not a timing assertion: the timeout only keeps a broken command from hanging.
    /// </summary>
    public static class TestOpenProbe
    {
        private static readonly object Gate = new object();
        private static string? _prefix;
        private static int _rendezvous;
        private static int _inFlight;
        private static int _arrived;
        private static int _released;

        public static int Peak { get; private set; }
        public static int Opens { get; private set; }
        public static int TimedOut { get; private set; }

        public static void Arm(string namePrefix, int rendezvous)
        {
            lock (Gate)
            {
                _prefix = "/" + (namePrefix ?? throw new ArgumentNullException(nameof(namePrefix)));
                _rendezvous = Math.Max(1, rendezvous);
                _inFlight = _arrived = _released = 0;
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
                // Opens meet in groups of the rendezvous size: group g is released when its last member arrives.
                var group = _arrived++ / _rendezvous;
                if (_arrived % _rendezvous == 0)
                {
                    _released = group + 1;
                    Monitor.PulseAll(Gate);
                }
                var deadline = DateTime.UtcNow.AddSeconds(10);
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
