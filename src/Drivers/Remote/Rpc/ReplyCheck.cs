using Libvirt.Drivers.Remote.Framing;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// What libvirt's client (virnetclient.c, virnetclientprogram.c) accepts from the daemon, header by header.
    /// A violation means the peer is not a libvirt daemon speaking this protocol, or the stream is out of
    /// step: the connection is closed as broken. The messages are libvirt's own, so scripts that match on
    /// them behave the same with both clients.
    /// </summary>
    internal static class ReplyCheck
    {
        /// <summary>Checks a REPLY against the call it answers; <paramref name="call"/> is null when no call has its serial.</summary>
        public static LibvirtException? Verify(PacketHeader reply, PendingCall? call)
        {
            // libvirt finds the waiting call by program, version and serial together.
            if (call == null || call.Program != reply.Program || call.Version != reply.Version)
                return Broken(ErrorCode.Rpc, $"no call waiting for reply with prog {reply.Program} vers {reply.Version} serial {reply.Serial}");
            if (reply.Type != MessageType.Reply) // we never pass FDs, so REPLY_WITH_FDS cannot be an answer either
                return Broken(ErrorCode.Rpc, $"got unexpected RPC call prog {reply.Program} vers {reply.Version} proc {reply.Procedure} type {(int)reply.Type}");
            if (reply.Procedure != call.Procedure)
                return Broken(ErrorCode.InternalError, $"internal error: Unexpected message proc {reply.Procedure} != {call.Procedure}");
            if (reply.Status != MessageStatus.Ok && reply.Status != MessageStatus.Error)
                return Broken(ErrorCode.Rpc, $"Unexpected message status {(int)reply.Status}");
            return null;
        }

        /// <summary>A packet type the daemon never sends to a client (CALL, or no type at all).</summary>
        public static LibvirtException UnexpectedType(PacketHeader h) =>
            Broken(ErrorCode.Rpc, $"got unexpected RPC call prog {h.Program} vers {h.Version} proc {h.Procedure} type {(int)h.Type}");

        public static LibvirtException Broken(ErrorCode code, string libvirtMessage) =>
            new LibvirtException(code, ErrorDomain.Rpc, libvirtMessage + "; the connection to the libvirt daemon is broken and has been closed.");
    }
}
