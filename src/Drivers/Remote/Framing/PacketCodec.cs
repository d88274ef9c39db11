using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Errors;

namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>
    /// Turns packets into bytes and reads whole packets from a stream. The length word is validated before
    /// any buffer is allocated, so a peer cannot make us allocate more than libvirt's 32 MiB limit.
    /// </summary>
    internal static class PacketCodec
    {
        public static byte[] Encode(PacketHeader header, byte[] payload)
        {
            var length = FrameLimits.MinPacketLength + payload.Length;
            if (length > FrameLimits.MaxPacketLength)
                throw new LibvirtException(ErrorCode.Rpc, ErrorDomain.Rpc,
                    $"Packet of {length} bytes exceeds the maximum of {FrameLimits.MaxPacketLength} bytes.");
            var w = new XdrWriter(FrameLimits.MinPacketLength);
            w.WriteUInt((uint)length);
            header.Write(w);
            var bytes = new byte[length];
            w.CopyTo(bytes, 0);
            Buffer.BlockCopy(payload, 0, bytes, FrameLimits.MinPacketLength, payload.Length);
            return bytes;
        }

        /// <summary>Decodes one packet from exactly its bytes (length word included); for tests and fixtures.</summary>
        public static Packet Decode(byte[] packet)
        {
            var length = ValidateLength(new XdrReader(packet, 0, 4).ReadUInt());
            if (length != packet.Length)
                throw Protocol($"length word says {length} bytes but the packet has {packet.Length}");
            return DecodeBody(packet, FrameLimits.LengthWordSize, length - FrameLimits.LengthWordSize);
        }

        /// <summary>Reads the next whole packet, or returns null at a clean end of stream between packets.</summary>
        public static Task<Packet?> ReadAsync(Stream stream, CancellationToken cancellationToken) => ReadAsync(stream, null, cancellationToken);

        /// <summary>
        /// Reads the next whole packet. <paramref name="admit"/> sees each valid length word before the body's
        /// buffer exists and may throw to refuse it (a connection's memory budget).
        /// </summary>
        public static Task<Packet?> ReadAsync(Stream stream, Action<int>? admit, CancellationToken cancellationToken) =>
            new PacketReader(stream, bufferSize: 0).ReadAsync(admit, cancellationToken);

        internal static int ValidateLength(uint length)
        {
            if (length < FrameLimits.MinPacketLength)
                throw Protocol($"packet length {length} is shorter than the {FrameLimits.MinPacketLength}-byte minimum");
            if (length > FrameLimits.MaxPacketLength)
                throw Protocol($"packet length {length} exceeds the maximum of {FrameLimits.MaxPacketLength} bytes");
            return (int)length;
        }

        private static Packet DecodeBody(byte[] buffer, int offset, int count)
        {
            var header = PacketHeader.Read(new XdrReader(buffer, offset, PacketHeader.Size));
            var payload = new byte[count - PacketHeader.Size];
            Buffer.BlockCopy(buffer, offset + PacketHeader.Size, payload, 0, payload.Length);
            return new Packet(header, payload);
        }

        private static LibvirtException Protocol(string why) =>
            new LibvirtException(ErrorCode.Rpc, ErrorDomain.Rpc, "Protocol error: " + why + ".");
    }
}
