using System.Collections.Generic;

namespace Libvirt.Engine.Devices
{
    /// <summary>remote_domain_interface: one interface and its addresses as the driver reports them.</summary>
    public sealed class InterfaceAddresses
    {
        public InterfaceAddresses(string? name, string? macAddress, IReadOnlyList<IPAddressEntry> addresses)
        {
            Name = name;
            MacAddress = macAddress;
            Addresses = addresses;
        }

        public string? Name { get; }
        public string? MacAddress { get; }
        public IReadOnlyList<IPAddressEntry> Addresses { get; }
    }

    /// <summary>remote_domain_ip_addr: type 0 IPv4, 1 IPv6 (virIPAddrType).</summary>
    public sealed class IPAddressEntry
    {
        public IPAddressEntry(int type, string address, int prefix)
        {
            Type = type;
            Address = address;
            Prefix = prefix;
        }

        public int Type { get; }
        public string Address { get; }
        public int Prefix { get; }
    }
}
