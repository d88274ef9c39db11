using System;
using System.Linq;
using System.Xml.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>A network of the embedded test hypervisor: its definition (as libvirt's test driver formats it) and state.</summary>
    internal sealed class TestNetwork
    {
        public TestNetwork(XElement definition) { Definition = definition; }

        public XElement Definition { get; set; }
        public string Name => Definition.Element("name")!.Value;
        public Guid Uuid => Guid.Parse(Definition.Element("uuid")!.Value);
        public bool Active { get; set; }
        public bool Persistent { get; set; }
        public bool Autostart { get; set; }
        public string? Bridge => (string?)Definition.Element("bridge")?.Attribute("name");

        public VMNetwork ToModel(string host, string uri) => new VMNetwork
        {
            Name = Name,
            Uuid = Uuid,
            IsActive = Active,
            Persistent = Persistent,
            Autostart = Autostart,
            Bridge = Bridge,
            Host = host,
            Uri = uri,
        };

        /// <summary>
        /// Parses a network definition as libvirt does: a name is required (NoName, "missing name information"),
        /// a UUID is made up when absent, and the bridge gets libvirt's stp/delay defaults.
        /// </summary>
        public static XElement Parse(string xml)
        {
            if (SafeXml.DeclaresDocumentType(xml)) throw SafeXml.DtdRefused("network definition");
            var root = SafeXml.Parse(xml, "network XML").Root!;
            if (root.Name.LocalName != "network")
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Network, $"XML error: unexpected root element <{root.Name.LocalName}>, expecting <network>");
            return Normalize(new XElement(root));
        }

        public static XElement Normalize(XElement root)
        {
            var name = root.Element("name")?.Value.Trim();
            if (string.IsNullOrEmpty(name))
                throw new LibvirtException(ErrorCode.NoName, ErrorDomain.Network, "missing name information");
            var uuid = root.Element("uuid");
            if (uuid == null) root.Element("name")!.AddAfterSelf(new XElement("uuid", Guid.NewGuid().ToString()));
            else if (!Guid.TryParse(uuid.Value.Trim(), out var parsed))
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Network, "XML error: malformed uuid element");
            else uuid.Value = parsed.ToString();
            var forward = (string?)root.Element("forward")?.Attribute("mode");
            if (forward == null || forward == "nat" || forward == "route" || forward == "open")
            {
                var bridge = root.Element("bridge");
                if (bridge == null)
                {
                    bridge = new XElement("bridge");
                    (root.Element("forward") ?? root.Element("uuid")!).AddAfterSelf(bridge);
                }
                if (bridge.Attribute("stp") == null) bridge.SetAttributeValue("stp", "on");
                if (bridge.Attribute("delay") == null) bridge.SetAttributeValue("delay", "0");
            }
            return root;
        }

        /// <summary>Adds, deletes or replaces a &lt;host&gt; of the first &lt;ip&gt;'s &lt;dhcp&gt; (virNetworkUpdate IP_DHCP_HOST).</summary>
        public void UpdateDhcpHost(Engine.Drivers.NetworkUpdateCommand command, string xml)
        {
            var host = SafeXml.Parse(xml, "network update XML").Root!;
            if (host.Name.LocalName != "host")
                throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Network, $"XML error: unexpected element <{host.Name.LocalName}>, expecting <host>");
            var mac = (string?)host.Attribute("mac");
            var ip = (string?)host.Attribute("ip");
            var dhcp = Definition.Elements("ip").Select(e => e.Element("dhcp")).FirstOrDefault(d => d != null)
                ?? throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Network,
                    $"Requested operation is not valid: can't update 'host' section of network '{Name}' - no <dhcp> element found");
            var match = dhcp.Elements("host").FirstOrDefault(h =>
                (mac != null && string.Equals((string?)h.Attribute("mac"), mac, StringComparison.OrdinalIgnoreCase)) ||
                (ip != null && (string?)h.Attribute("ip") == ip));
            switch (command)
            {
                case Engine.Drivers.NetworkUpdateCommand.AddFirst:
                case Engine.Drivers.NetworkUpdateCommand.AddLast:
                    if (match != null)
                        throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Network,
                            $"Requested operation is not valid: there is an existing dhcp host entry in network '{Name}' that matches \"{xml.Trim()}\"");
                    if (command == Engine.Drivers.NetworkUpdateCommand.AddFirst && dhcp.Element("host") != null) dhcp.Element("host")!.AddBeforeSelf(host);
                    else if (dhcp.Elements("host").Any()) dhcp.Elements("host").Last().AddAfterSelf(host);
                    else dhcp.Add(host);
                    break;
                case Engine.Drivers.NetworkUpdateCommand.Delete:
                    if (match == null)
                        throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Network,
                            $"Requested operation is not valid: couldn't locate a matching dhcp host entry in network '{Name}'");
                    match.Remove();
                    break;
                case Engine.Drivers.NetworkUpdateCommand.Modify:
                    if (match == null)
                        throw new LibvirtException(ErrorCode.OperationInvalid, ErrorDomain.Network,
                            $"Requested operation is not valid: couldn't locate an existing dhcp host entry with \"mac='{mac}'\" in network '{Name}'");
                    match.ReplaceWith(host);
                    break;
                default:
                    throw new LibvirtException(ErrorCode.NoSupport, ErrorDomain.Network, $"this function is not supported by the connection driver: can't update 'host' section of network '{Name}' with command {(int)command}");
            }
        }
    }
}
