using Libvirt.Drivers.Remote.Rpc;

namespace Libvirt.Drivers.Remote.Protocol.Procedures
{
    /// <summary>REMOTE_PROGRAM procedures that register for events (protocol.md §5.6); the events arrive as MESSAGE packets.</summary>
    internal static class EventProcedures
    {
        /// <summary>args: int eventID; remote_domain dom (absent = every domain) → int callbackID.</summary>
        public static readonly Procedure<int, int> ConnectDomainEventCallbackRegisterAny =
            new(Programs.Remote, RemoteProcedure.ConnectDomainEventCallbackRegisterAny, (w, eventId) => { w.WriteInt(eventId); w.WriteBool(false); }, r => r.ReadInt());

        public static readonly Procedure<int, None> ConnectDomainEventCallbackDeregisterAny =
            new(Programs.Remote, RemoteProcedure.ConnectDomainEventCallbackDeregisterAny, (w, id) => w.WriteInt(id), None.Read);
    }
}
