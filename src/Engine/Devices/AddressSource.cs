namespace Libvirt.Engine.Devices
{
    /// <summary>virDomainInterfaceAddressesSource: where the host looks up a domain's addresses.</summary>
    public enum AddressSource
    {
        /// <summary>The DHCP leases of libvirt's own networks (dnsmasq).</summary>
        Lease = 0,
        /// <summary>The QEMU guest agent, asked inside the guest.</summary>
        Agent = 1,
        /// <summary>The host's ARP table.</summary>
        Arp = 2,
    }
}
