using System.Management.Automation;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Returns domain definitions as XML text (virsh dumpxml).</summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainXml", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainXml.md")]
    [OutputType(typeof(string))]
    public sealed class GetVMDomainXmlCommand : DomainCmdlet
    {
        /// <summary>The persistent definition used at next start, rather than the live one.</summary>
        [Parameter]
        public SwitchParameter Inactive { get; set; }

        protected override string Action => "Get XML";

        private protected override void ProcessObject(HostTarget host, VMDomain domain) =>
            WriteObject(Await(ct => Domains(host).GetXmlAsync(domain.ToIdentity(), Inactive, ct)));
    }
}
