namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>virNetMessageStatus. For a REPLY, Error means the payload is a remote_error.</summary>
    internal enum MessageStatus
    {
        Ok = 0,
        Error = 1,
        Continue = 2,
    }
}
