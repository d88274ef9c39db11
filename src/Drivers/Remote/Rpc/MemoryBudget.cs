using System.Threading;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// Counts the bytes a connection holds for packets the peer sent and nobody has taken yet. Reserved
    /// before a packet's buffer is allocated, released when its caller (or the event dispatcher) is done.
    /// </summary>
    internal sealed class MemoryBudget
    {
        private readonly long _limit;
        private long _used;

        public MemoryBudget(long limit) { _limit = limit; }

        public long Used => Interlocked.Read(ref _used);

        /// <summary>Reserves <paramref name="bytes"/> or throws the connection-closing error when the budget is spent.</summary>
        public void Reserve(int bytes)
        {
            var used = Interlocked.Add(ref _used, bytes);
            if (used <= _limit) return;
            Interlocked.Add(ref _used, -bytes);
            throw ReplyCheck.Broken(ErrorCode.Rpc,
                $"the daemon sent {used - bytes} bytes that are still waiting to be read, and {bytes} more would pass this connection's memory budget of {_limit} bytes");
        }

        public void Release(int bytes) => Interlocked.Add(ref _used, -bytes);
    }
}
