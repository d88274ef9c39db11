using Libvirt.Drivers.Remote.Xdr;

namespace Libvirt.Drivers.Remote.Framing
{
    /// <summary>The 24-byte header after the length word: program, version, procedure, type, serial, status.</summary>
    internal readonly struct PacketHeader
    {
        public const int Size = 24;

        public PacketHeader(uint program, uint version, int procedure, MessageType type, uint serial, MessageStatus status)
        {
            Program = program;
            Version = version;
            Procedure = procedure;
            Type = type;
            Serial = serial;
            Status = status;
        }

        public uint Program { get; }
        public uint Version { get; }
        public int Procedure { get; }
        public MessageType Type { get; }
        public uint Serial { get; }
        public MessageStatus Status { get; }

        public void Write(XdrWriter w)
        {
            w.WriteUInt(Program);
            w.WriteUInt(Version);
            w.WriteInt(Procedure);
            w.WriteInt((int)Type);
            w.WriteUInt(Serial);
            w.WriteInt((int)Status);
        }

        public static PacketHeader Read(XdrReader r) =>
            new PacketHeader(r.ReadUInt(), r.ReadUInt(), r.ReadInt(), (MessageType)r.ReadInt(), r.ReadUInt(), (MessageStatus)r.ReadInt());

        public override string ToString() =>
            $"prog=0x{Program:x8} vers={Version} proc={Procedure} type={Type} serial={Serial} status={Status}";
    }
}
