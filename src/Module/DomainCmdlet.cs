using System;
using System.Collections.Generic;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of the cmdlets that act on domains: domains come from the pipeline (objects from Get-VMDomain) or
    /// by -Name on the hosts named by -Uri or -Connection (the session's hosts when neither is given). Each
    /// domain is confirmed with ShouldProcess and processed on its own, failures being non-terminating.
    /// </summary>
    public abstract class DomainCmdlet : LibvirtCmdlet
    {
        protected const string ByNameSet = "ByName";
        protected const string ByObjectSet = "ByObject";

        // Plain strings from the pipeline are names ('vm1','vm2' | Start-VMDomain); objects with a Name property bind by name.
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMDomain[] Domain { get; set; } = Array.Empty<VMDomain>();

        // By property name too, so that rows of Import-Csv with Name and Uri columns act each on its own host.
        [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The verb shown by -WhatIf and -Confirm ("Start", "Stop (power off)").</summary>
        protected abstract string Action { get; }

        private protected abstract void ProcessDomain(HostTarget host, VMDomain domain);

        protected override void ProcessRecord()
        {
            foreach (var (host, domain) in SelectDomains())
            {
                if (!ConfirmDomain(domain)) continue;
                Try(domain.Name, () => ProcessDomain(host, domain));
            }
        }

        /// <summary>Asks ShouldProcess for one domain; a cmdlet with a more dangerous mode asks differently.</summary>
        private protected virtual bool ConfirmDomain(VMDomain domain) => ShouldProcess(Describe(domain), Action);

        /// <summary>"name on host (uri)", the target text of ShouldProcess.</summary>
        internal static string Describe(VMDomain domain) => $"{domain.Name} on {domain.Host} ({domain.Uri})";

        private IEnumerable<(HostTarget, VMDomain)> SelectDomains()
        {
            if (ParameterSetName == ByObjectSet)
            {
                var result = new List<(HostTarget, VMDomain)>();
                foreach (var d in Domain)
                    Try(d.Name, () => result.Add((Hosts.ForUri(d.Uri, Cancellation), d)));
                return result;
            }
            var list = new List<(HostTarget, VMDomain)>();
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                foreach (var pair in DomainSelector.ByName(hosts, Name, WriteFailure, Cancellation))
                    list.Add(pair);
            });
            return list;
        }

        /// <summary>
        /// Runs a state change that libvirt refuses when the domain is in that state already (starting a running
        /// domain, stopping a shut-off one). As in Hyper-V, that is not an error: when the host confirms that the
        /// domain is already <paramref name="done"/>, a warning is written instead; any other failure stands.
        /// Returns false when nothing had to change.
        /// </summary>
        private protected bool ChangeState(HostTarget host, VMDomain domain, Action change, Func<VMDomain, bool> done, string already)
        {
            try
            {
                change();
                return true;
            }
            catch (LibvirtException) when (!Cancellation.IsCancellationRequested)
            {
                if (!IsAlready(host, domain, done)) throw;
                WriteWarning($"Domain '{domain.Name}' {already}.");
                return false;
            }
        }

        private bool IsAlready(HostTarget host, VMDomain domain, Func<VMDomain, bool> done)
        {
            try { return done(Refresh(host, domain)); }
            catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain) { return false; }
        }

        /// <summary>The domain as the host sees it now (for -PassThru).</summary>
        private protected VMDomain Refresh(HostTarget host, VMDomain domain) =>
            host.Connection.Driver.GetDomain(domain.ToIdentity(), Cancellation);
    }
}
