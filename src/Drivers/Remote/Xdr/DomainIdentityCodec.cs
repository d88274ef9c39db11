using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote.Xdr
{
    /// <summary>remote_nonnull_domain: <c>string name; remote_uuid uuid; int id;</c> (id is -1 when inactive).</summary>
    internal static class DomainIdentityCodec
    {
        public static void Write(XdrWriter w, DomainIdentity d)
        {
            w.WriteString(d.Name);
            w.WriteUuid(d.Uuid);
            w.WriteInt(d.Id);
        }

        public static DomainIdentity Read(XdrReader r) => new DomainIdentity(r.ReadString(), r.ReadUuid(), r.ReadInt());
    }
}
