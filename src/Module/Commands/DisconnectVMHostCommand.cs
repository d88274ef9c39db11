using System;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>Closes connections and removes them from the session's hosts.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "VMHost", DefaultParameterSetName = ByUriSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Disconnect-VMHost.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectVMHostCommand : LibvirtCmdlet
    {
        private const string ByUriSet = "ByUri";
        private const string ByConnectionSet = "ByConnection";

        /// <summary>URIs of connected hosts; wildcards allowed. Without it, every connected host.</summary>
        [Parameter(ParameterSetName = ByUriSet, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByConnectionSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public VMHostConnection[] Connection { get; set; } = Array.Empty<VMHostConnection>();

        protected override void ProcessRecord()
        {
            var targets = ParameterSetName == ByConnectionSet ? Connection : Matching();
            foreach (var c in targets)
                if (ShouldProcess(c.Uri, "Disconnect"))
                    SessionHosts.Current.Disconnect(c);
        }

        private VMHostConnection[] Matching()
        {
            var all = SessionHosts.Current.Connections;
            if (Uri == null) return all.ToArray();
            var result = new System.Collections.Generic.List<VMHostConnection>();
            foreach (var u in Uri)
            {
                var pattern = new WildcardPattern(u, WildcardOptions.IgnoreCase);
                var matches = all.Where(c => pattern.IsMatch(c.Uri)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(u))
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No connected host has the URI '{u}'."), "HostNotConnected", ErrorCategory.ObjectNotFound, u));
                result.AddRange(matches);
            }
            return result.Distinct().ToArray();
        }
    }
}
