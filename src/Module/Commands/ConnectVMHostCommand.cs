using System.Management.Automation;
using System.Net;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Connects to a libvirt host and adds it to the session's hosts, which every other cmdlet uses when it
    /// is given no -Uri or -Connection. Connecting again to the same URI returns the open connection.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "VMHost", HelpUri = HelpLinks.Base + "Connect-VMHost.md")]
    [OutputType(typeof(VMHostConnection))]
    public sealed class ConnectVMHostCommand : LibvirtCmdlet
    {
        /// <summary>libvirt URI: test:///default, qemu:///system, qemu+ssh://user@host/system, ...</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Uri { get; set; } = System.Array.Empty<string>();

        /// <summary>User name and password for transports that ask for them.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Open the connection read-only.</summary>
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>Seconds to wait for the host to connect and finish the handshake (default 30, like libvirt's TLS handshake).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var uri in Uri)
            {
                Try(uri, () =>
                {
                    var options = CreateConnectOptions();
                    options.ReadOnly = ReadOnly;
                    if (TimeoutSec > 0) options.ConnectTimeout = System.TimeSpan.FromSeconds(TimeoutSec);
                    if (Credential != null)
                        options.Credential = new NetworkCredential(Credential.UserName, Credential.Password);
                    WriteVerbose($"Connecting to {uri}");
                    WriteObject(SessionHosts.Current.Connect(uri, options, Cancellation));
                });
            }
        }
    }
}
