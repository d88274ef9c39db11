namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>virNetMessageType: what a packet is. Values are the wire values.</summary>
    internal enum MessageType
    {
        Call = 0,
        Reply = 1,
        /// <summary>Pushed by either side without a call: events, keepalive.</summary>
        Message = 2,
        Stream = 3,
        CallWithFds = 4,
        ReplyWithFds = 5,
        StreamHole = 6,
    }
}
