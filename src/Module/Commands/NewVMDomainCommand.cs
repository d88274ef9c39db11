using System.IO;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Errors;
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
    public sealed class NewVMDomainCommand : LibvirtCmdlet
    {
        private const string XmlSet = "Xml";
        private const string PathSet = "Path";

        [Parameter(ParameterSetName = XmlSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Xml { get; set; } = "";

        [Parameter(ParameterSetName = PathSet, Mandatory = true)]
        [Alias("FilePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Start the domain once it is defined.</summary>
        [Parameter]
        public SwitchParameter Start { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        protected override void ProcessRecord()
        {
            Try(ParameterSetName == PathSet ? Path : null, () =>
            {
                var xml = ParameterSetName == PathSet ? File.ReadAllText(GetUnresolvedProviderPathFromPSPath(Path)) : Xml;
                // The host judges the XML and reports libvirt's own error (a local parse would refuse what libvirt
                // takes: lowercase units, memory given only by NUMA cells). Only a DTD is refused here, before any
                // host is touched: nothing of the module ever expands one.
                if (SafeXml.DeclaresDocumentType(xml))
                    throw new LibvirtException(ErrorCode.XmlError, ErrorDomain.Xml, "XML error: the domain definition declares a DTD (<!DOCTYPE>), which is refused.") { Target = Path };
                var name = DomainDefinition.TryReadName(xml) ?? "(domain XML)";
                foreach (var host in Hosts.ResolveForCreate(Uri, Connection, Cancellation))
                {
                    var target = $"{name} on {host.Connection.Hostname} ({host.Connection.Uri})";
                    if (!ShouldProcess(target, Start ? "Define and start" : "Define")) continue;
                    Try(name, () =>
                    {
                        var driver = host.Connection.Driver;
                        var domain = driver.DefineDomain(xml, Cancellation);
                        if (Start)
                        {
                            driver.StartDomain(domain.ToIdentity(), Cancellation);
                            domain = driver.GetDomain(domain.ToIdentity(), Cancellation);
                        }
                        WriteObject(domain);
                    });
                }
            });
        }
    }
}
