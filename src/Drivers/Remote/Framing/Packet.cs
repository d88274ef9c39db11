namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>One whole RPC packet: header and XDR payload (without the length word).</summary>
    internal sealed class Packet
    {
        public Packet(PacketHeader header, byte[] payload)
        {
            Header = header;
            Payload = payload;
        }

        public PacketHeader Header { get; }
        public byte[] Payload { get; }

        /// <summary>The packet's size on the wire: what its length word says.</summary>
        public int WireLength => FrameLimits.MinPacketLength + Payload.Length;

        public override string ToString() => $"{Header} payload={Payload.Length}B";
    }
}
