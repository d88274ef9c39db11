namespace Libvirt.Engine.Drivers
{
    /// <summary>virNetworkUpdateCommand values.</summary>
    public enum NetworkUpdateCommand
    {
        Modify = 1,
        Delete = 2,
        AddLast = 3,
        AddFirst = 4,
    }

    /// <summary>virNetworkUpdateSection values this module uses.</summary>
    public enum NetworkUpdateSection
    {
        Bridge = 1,
        Domain = 2,
        Ip = 3,
        IpDhcpHost = 4,
        IpDhcpRange = 5,
        Forward = 6,
        ForwardInterface = 7,
        ForwardPf = 8,
        PortGroup = 9,
        DnsHost = 10,
        DnsTxt = 11,
        DnsSrv = 12,
    }

    /// <summary>One virNetworkUpdate call: command, section, parent index (-1 for the first), the XML fragment, flags.</summary>
    public sealed class NetworkUpdate
    {
        /// <summary>VIR_NETWORK_UPDATE_AFFECT_LIVE and _CONFIG.</summary>
        public const uint AffectLive = 1, AffectConfig = 2;

        public NetworkUpdate(NetworkUpdateCommand command, NetworkUpdateSection section, string xml, uint flags, int parentIndex = -1)
        {
            Command = command;
            Section = section;
            Xml = xml;
            Flags = flags;
            ParentIndex = parentIndex;
        }

        public NetworkUpdateCommand Command { get; }
        public NetworkUpdateSection Section { get; }
        public string Xml { get; }
        public uint Flags { get; }
        public int ParentIndex { get; }
    }
}
