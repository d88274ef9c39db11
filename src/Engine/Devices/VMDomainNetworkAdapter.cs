namespace Libvirt.Engine.Devices
{
    /// <summary>One &lt;interface&gt; of a domain, as its XML describes it.</summary>
    public sealed class VMDomainNetworkAdapter
    {
        public string Domain { get; set; } = "";

        /// <summary>00:11:22:33:44:55, lowercase, as libvirt writes it.</summary>
        public string MacAddress { get; set; } = "";

        /// <summary>network, bridge, user, direct, ...</summary>
        public string Type { get; set; } = "";

        /// <summary>The libvirt network (type network), or null.</summary>
        public string? Network { get; set; }

        /// <summary>The host bridge (type bridge, or the network's bridge in a live definition), or null.</summary>
        public string? Bridge { get; set; }

        /// <summary>virtio, e1000, rtl8139; null when the XML does not say (the hypervisor's default).</summary>
        public string? Model { get; set; }

        /// <summary>The host-side device (&lt;target dev&gt;): vnet0; null on an inactive definition.</summary>
        public string? HostInterface { get; set; }

        /// <summary>Whether the virtual link is up (&lt;link state&gt;; up unless it says down).</summary>
        public bool Connected { get; set; } = true;

        public string? Alias { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        public override string ToString() => MacAddress;
    }
}
