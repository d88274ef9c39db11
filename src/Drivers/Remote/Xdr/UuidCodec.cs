using System;

namespace Libvirt.Drivers.Remote.Xdr
{
    /// <summary>
    /// remote_uuid is 16 raw bytes in RFC 4122 order (the text form's hex digits, left to right). .NET's
    /// Guid.ToByteArray stores the first three groups little-endian, so they are swapped here.
    /// </summary>
    internal static class UuidCodec
    {
        public static byte[] ToWire(Guid uuid)
        {
            var b = uuid.ToByteArray();
            Array.Reverse(b, 0, 4);
            Array.Reverse(b, 4, 2);
            Array.Reverse(b, 6, 2);
            return b;
        }

        public static Guid FromWire(byte[] wire)
        {
            var b = (byte[])wire.Clone();
            Array.Reverse(b, 0, 4);
            Array.Reverse(b, 4, 2);
            Array.Reverse(b, 6, 2);
            return new Guid(b);
        }

        public static void WriteUuid(this XdrWriter w, Guid uuid) => w.WriteFixedOpaque(ToWire(uuid), XdrLimits.UuidBytes);

        public static Guid ReadUuid(this XdrReader r) => FromWire(r.ReadFixedOpaque(XdrLimits.UuidBytes));
    }
}
