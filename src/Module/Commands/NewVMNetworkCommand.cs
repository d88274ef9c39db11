using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Defines a network from libvirt network XML (virsh net-define), and optionally marks it autostarted and starts it.</summary>
    [Cmdlet(VerbsCommon.New, "VMNetwork", DefaultParameterSetName = XmlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-VMNetwork.md")]
    [OutputType(typeof(VMNetwork))]
    public sealed class NewVMNetworkCommand : NewObjectCmdlet<VMNetwork, NetworkIdentity>
    {
        public NewVMNetworkCommand() : base(ObjectKinds.Network) { }

        /// <summary>Start the network whenever the host's daemon starts (virsh net-autostart).</summary>
        [Parameter]
        public SwitchParameter AutoStart { get; set; }

        private protected override string NameIn(string xml)
        {
            if (SafeXml.DeclaresDocumentType(xml)) throw SafeXml.DtdRefused("network definition");
            return StorageXml.TryReadName(xml) ?? "(network XML)";
        }

        private protected override bool AfterDefine(HostTarget host, VMNetwork item)
        {
            if (!AutoStart) return false;
            Await(ct => host.Connection.Driver.Networks().SetAutostartAsync(item.ToIdentity(), true, ct));
            return true;
        }
    }
}
