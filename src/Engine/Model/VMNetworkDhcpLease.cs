using System;

namespace Libvirt.Engine.Model
{
    /// <summary>One DHCP lease of a network (virNetworkDHCPLease).</summary>
    public sealed class VMNetworkDhcpLease
    {
        public string Network { get; set; } = "";
        public string Interface { get; set; } = "";
        public DateTimeOffset ExpiryTime { get; set; }

        /// <summary>"ipv4" or "ipv6".</summary>
        public string Protocol { get; set; } = "";
        public string? MacAddress { get; set; }
        public string IPAddress { get; set; } = "";
        public int Prefix { get; set; }
        public string? Hostname { get; set; }
        public string? ClientId { get; set; }
        public string? Iaid { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        public override string ToString() => IPAddress;
    }
}
