namespace Libvirt.Engine.Devices
{
    /// <summary>One IP address of one interface of a running domain (virDomainInterfaceAddresses).</summary>
    public sealed class VMDomainIPAddress
    {
        public string Domain { get; set; } = "";

        /// <summary>The interface name the source reports (the host's vnet0 for leases and ARP, the guest's eth0 for the agent); may be null.</summary>
        public string? Interface { get; set; }

        public string? MacAddress { get; set; }
        public string IPAddress { get; set; } = "";
        public int PrefixLength { get; set; }

        /// <summary>IPv4 or IPv6.</summary>
        public string Family { get; set; } = "";

        /// <summary>Where the address came from: Lease, Agent or Arp.</summary>
        public AddressSource Source { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        public override string ToString() => IPAddress;
    }
}
