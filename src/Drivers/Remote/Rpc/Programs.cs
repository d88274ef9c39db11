namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>RPC program numbers and versions (remote_protocol.x, qemu_protocol.x, virkeepaliveprotocol.x).</summary>
    internal static class Programs
    {
        /// <summary>REMOTE_PROGRAM: the main libvirt API.</summary>
        public const uint Remote = 0x20008086;

        /// <summary>QEMU_PROGRAM: qemu-specific calls and the QEMU monitor event.</summary>
        public const uint Qemu = 0x20008087;

        /// <summary>KEEPALIVE_PROGRAM: "keep" in ASCII.</summary>
        public const uint KeepAlive = 0x6b656570;

        /// <summary>Every program is at version 1.</summary>
        public const uint Version1 = 1;
    }

    /// <summary>Procedures of the keepalive program; both travel as MESSAGE packets with no payload.</summary>
    internal enum KeepAliveProcedure
    {
        Ping = 1,
        Pong = 2,
    }
}
