using System.IO;
using System.Management.Automation;
using Libvirt.Engine.Connections;
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
                // Parse here too: bad XML is refused before any host is touched, and the name labels ShouldProcess.
                var name = DomainDefinition.Parse(xml).Name;
                foreach (var host in Hosts.ResolveForCreate(Uri, Connection, Cancellation))
                {
                    var target = $"{name} on {host.Connection.Hostname} ({host.Connection.Uri})";
                    if (!ShouldProcess(target, Start ? "Define and start" : "Define")) continue;
                    Try(name, () =>
                    {
                        var domains = host.Connection.Driver.Domains();
                        var domain = Await(ct => domains.DefineAsync(xml, ct));
                        if (Start)
                        {
                            Await(ct => domains.StartAsync(domain.ToIdentity(), ct));
                            domain = Await(ct => domains.GetAsync(domain.ToIdentity(), ct));
                        }
                        WriteObject(domain);
                    });
                }
            });
        }
    }
}
