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

        public override string ToString() => $"{Header} payload={Payload.Length}B";
    }
}
