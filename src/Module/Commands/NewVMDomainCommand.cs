using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Defines a domain from libvirt domain XML (virsh define), and optionally starts it. It defines on every host
    /// named by -Uri or -Connection, but never on several session hosts that were not named.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VMDomain", DefaultParameterSetName = XmlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class NewVMDomainCommand : NewObjectCmdlet<VMDomain, DomainIdentity>
    {
        public NewVMDomainCommand() : base(ObjectKinds.Domain) { }

        /// <summary>
        /// The host judges the XML and reports libvirt's own error (a local parse would refuse what libvirt takes:
        /// lowercase units, memory given only by NUMA cells). Only a DTD is refused here, before any host is
        /// touched: nothing of the module ever expands one.
        /// </summary>
        private protected override string NameIn(string xml)
        {
            if (SafeXml.DeclaresDocumentType(xml)) throw SafeXml.DtdRefused("domain definition");
            return DomainDefinition.TryReadName(xml) ?? "(domain XML)";
        }
    }
}
