using System.Collections.Generic;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// Calls the caller cancelled while the daemon may still answer them. Their late replies are legitimate
    /// and are dropped quietly; a reply matching neither a waiting nor an abandoned call breaks the
    /// connection. Bounded: past the limit the oldest is forgotten (its reply, if it ever comes, then counts
    /// as stray).
    /// </summary>
    internal sealed class AbandonedCalls
    {
        private readonly int _limit;
        private readonly Dictionary<uint, LinkedListNode<PendingCall>> _bySerial = new Dictionary<uint, LinkedListNode<PendingCall>>();
        private readonly LinkedList<PendingCall> _oldestFirst = new LinkedList<PendingCall>();

        public AbandonedCalls(int limit) { _limit = limit; }

        public int Count { get { lock (_bySerial) return _bySerial.Count; } }

        public void Add(PendingCall call)
        {
            lock (_bySerial)
            {
                if (_limit <= 0 || _bySerial.ContainsKey(call.Serial)) return;
                if (_bySerial.Count >= _limit)
                {
                    _bySerial.Remove(_oldestFirst.First!.Value.Serial);
                    _oldestFirst.RemoveFirst();
                }
                _bySerial[call.Serial] = _oldestFirst.AddLast(call);
            }
        }

        /// <summary>The abandoned call with this serial, forgotten from now on; null when there is none.</summary>
        public PendingCall? Take(uint serial)
        {
            lock (_bySerial)
            {
                if (!_bySerial.TryGetValue(serial, out var node)) return null;
                _bySerial.Remove(serial);
                _oldestFirst.Remove(node);
                return node.Value;
            }
        }
    }
}
