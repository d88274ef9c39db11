namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// Bounds on what one connection holds on behalf of its peer, so a hostile or broken daemon can make us
    /// wait or close, never grow. A bound that is reached by the peer closes the connection (as libvirt's
    /// client does on a keepalive flood); a bound reached by our own callers makes them wait.
    /// </summary>
    internal sealed class RpcLimits
    {
        /// <summary>Calls in flight at once; more callers wait for a free slot (the daemon runs 5 at a time anyway).</summary>
        public int MaxPendingCalls { get; set; } = 256;

        /// <summary>
        /// Cancelled calls whose replies may still arrive and must be recognised (and dropped) rather than
        /// taken for a stray serial. The oldest is forgotten first.
        /// </summary>
        public int MaxAbandonedCalls { get; set; } = 1024;

        /// <summary>PONGs owed and not yet written. A peer that PINGs faster than it reads our answers is flooding.</summary>
        public int MaxQueuedPongs { get; set; } = 64;

        /// <summary>
        /// Bytes of received packets not yet taken by their callers, the packet being read included. Must
        /// hold at least one largest packet (4 + 32 MiB).
        /// </summary>
        public long MemoryBudgetBytes { get; set; } = 96L * 1024 * 1024;

        /// <summary>
        /// Bytes of one stream's data that its reader has not taken before the connection stops reading the
        /// socket (back-pressure): a transfer of any size holds about this much, plus one packet.
        /// </summary>
        public long StreamBufferBytes { get; set; } = 4L * 1024 * 1024;
    }
}
