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
    [Cmdlet(VerbsCommon.New, "VMDomain", DefaultParameterSetName = XmlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(VMDomain))]
    public sealed class NewVMDomainCommand : NewObjectCmdlet<VMDomain, DomainIdentity>
    {
        public NewVMDomainCommand() : base(ObjectKinds.Domain) { }

        private protected override string NameIn(string xml) => DomainDefinition.Parse(xml).Name;
    }
}
