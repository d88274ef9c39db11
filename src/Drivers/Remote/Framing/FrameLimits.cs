namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>virnetprotocol.x sizes. The length word counts itself, the header and the payload.</summary>
    internal static class FrameLimits
    {
        /// <summary>VIR_NET_MESSAGE_LEN_MAX: the size of the length word.</summary>
        public const int LengthWordSize = 4;

        /// <summary>VIR_NET_MESSAGE_MAX: header + payload, excluding the length word (32 MiB).</summary>
        public const int MaxMessage = 33554432;

        /// <summary>The largest length word a daemon accepts (4 + 32 MiB); 1 more and it drops the connection.</summary>
        public const int MaxPacketLength = LengthWordSize + MaxMessage;

        /// <summary>A packet always carries at least the length word and the header.</summary>
        public const int MinPacketLength = LengthWordSize + PacketHeader.Size;

        public const int MaxPayload = MaxMessage - PacketHeader.Size;
    }
}
