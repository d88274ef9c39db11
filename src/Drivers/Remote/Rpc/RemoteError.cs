using System;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Rpc
{
    /// <summary>
    /// remote_error (virNetMessageError): the payload of a REPLY with status ERROR. Decoded field by field
    /// so the daemon's code, domain and message reach the caller unchanged.
    /// </summary>
    internal sealed class RemoteError
    {
        public int Code { get; private set; }
        public int Domain { get; private set; }
        public string? Message { get; private set; }
        public int Level { get; private set; }
        public string? Str1 { get; private set; }
        public string? Str2 { get; private set; }
        public string? Str3 { get; private set; }
        public int Int1 { get; private set; }
        public int Int2 { get; private set; }

        public static RemoteError Read(XdrReader r)
        {
            var e = new RemoteError
            {
                Code = r.ReadInt(),
                Domain = r.ReadInt(),
                Message = r.ReadOptionalString(),
                Level = r.ReadInt(),
            };
            if (r.ReadBool()) DomainIdentityCodec.Read(r); // dom: unused by daemons, but present in the layout
            e.Str1 = r.ReadOptionalString();
            e.Str2 = r.ReadOptionalString();
            e.Str3 = r.ReadOptionalString();
            e.Int1 = r.ReadInt();
            e.Int2 = r.ReadInt();
            if (r.ReadBool()) { r.ReadString(); r.ReadUuid(); } // net: { name; uuid }, unused
            return e;
        }

        public void Write(XdrWriter w)
        {
            w.WriteInt(Code);
            w.WriteInt(Domain);
            w.WriteOptionalString(Message);
            w.WriteInt(Level);
            w.WriteBool(false);
            w.WriteOptionalString(Str1);
            w.WriteOptionalString(Str2);
            w.WriteOptionalString(Str3);
            w.WriteInt(Int1);
            w.WriteInt(Int2);
            w.WriteBool(false);
        }

        public static RemoteError Create(ErrorCode code, ErrorDomain domain, string message) =>
            new RemoteError { Code = (int)code, Domain = (int)domain, Message = message, Level = 2, Int1 = -1, Int2 = -1 };

        /// <summary>
        /// The exception for this error. Like libvirt's client (virnetclientprogram.c), an RPC "unknown
        /// procedure" error from an older daemon becomes NO_SUPPORT so callers can fall back.
        /// </summary>
        public LibvirtException ToException()
        {
            var message = Message ?? "unknown error";
            var code = (ErrorCode)Code;
            var domain = (ErrorDomain)Domain;
            if (code == ErrorCode.Rpc && (domain == ErrorDomain.Rpc || domain == ErrorDomain.Remote)
                && message.StartsWith("unknown procedure", StringComparison.Ordinal))
                code = ErrorCode.NoSupport;
            return new LibvirtException(code, domain, message);
        }
    }
}
