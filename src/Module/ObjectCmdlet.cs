using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of the cmdlets that act on objects of one kind (domains now; networks, storage pools later): objects
    /// come from the pipeline or by -Name (wildcards) on the hosts named by -Uri or -Connection (the session's hosts
    /// when neither is given). Each object is confirmed with ShouldProcess and processed on its own, failures
    /// being non-terminating. A kind's base (<see cref="DomainCmdlet"/>) only declares -Name and the object
    /// parameter, whose aliases and completer are its own; its cmdlets declare an action and what to do per object.
    /// </summary>
    public abstract class ObjectCmdlet<TObject, TIdentity> : KindCmdlet<TObject, TIdentity> where TObject : class, ILibvirtObject
    {
        protected const string ByObjectSet = "ByObject";

        private protected ObjectCmdlet(ObjectKind<TObject, TIdentity> kind) : base(kind) { }

        // By property name too, so that rows of Import-Csv with Name and Uri columns act each on its own host.
        [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The kind's -Name.</summary>
        private protected abstract string[] Names { get; }

        /// <summary>The kind's objects from the pipeline (-Domain, -Network, …).</summary>
        private protected abstract TObject[] InputObjects { get; }

        /// <summary>The verb shown by -WhatIf and -Confirm ("Start", "Stop (power off)").</summary>
        protected abstract string Action { get; }

        private protected abstract void ProcessObject(HostTarget host, TObject item);

        protected override void ProcessRecord()
        {
            foreach (var (host, item) in Select())
            {
                if (!ConfirmObject(item)) continue;
                Try(item.Name, () => ProcessObject(host, item));
            }
        }

        /// <summary>Asks ShouldProcess for one object; a cmdlet with a more dangerous mode asks differently.</summary>
        private protected virtual bool ConfirmObject(TObject item) => ShouldProcess(Describe(item), Action);

        /// <summary>"name on host (uri)", the target text of ShouldProcess.</summary>
        internal static string Describe(TObject item) => $"{item.Name} on {item.Host} ({item.Uri})";

        private IEnumerable<(HostTarget, TObject)> Select()
        {
            var result = new List<(HostTarget, TObject)>();
            if (ParameterSetName == ByObjectSet)
            {
                foreach (var o in InputObjects)
                    Try(o.Name, () => result.Add((Hosts.ForUri(o.Uri, Cancellation), o)));
                return result;
            }
            Try(null, () =>
            {
                var hosts = Hosts.Resolve(Uri, Connection, Cancellation);
                foreach (var selected in Await(ct => ObjectSelector.ByNameAsync(Kind, hosts, Names, ct)))
                {
                    if (selected.NotFound != null) WriteFailure(selected.NotFound, selected.NotFound.Target);
                    else result.Add((selected.Host!, selected.Item!));
                }
            });
            return result;
        }

        /// <summary>
        /// Runs a state change that libvirt refuses when the object is in that state already (starting a running
        /// domain, stopping a shut-off one). As in Hyper-V, that is not an error: when the host confirms that the
        /// object is already <paramref name="done"/>, a warning is written instead; any other failure stands.
        /// Returns false when nothing had to change.
        /// </summary>
        private protected bool ChangeState(HostTarget host, TObject item, Func<CancellationToken, Task> change, Func<TObject, bool> done, string already)
        {
            try
            {
                Await(change);
                return true;
            }
            catch (LibvirtException) when (!Cancellation.IsCancellationRequested)
            {
                if (!IsAlready(host, item, done)) throw;
                WriteWarning($"{Capitalized(Kind.Noun)} '{item.Name}' {already}.");
                return false;
            }
        }

        private bool IsAlready(HostTarget host, TObject item, Func<TObject, bool> done)
        {
            try { return done(Refresh(host, item)); }
            catch (LibvirtException ex) when (Kind.IsNotFound(ex)) { return false; }
        }

        /// <summary>The object as the host sees it now (for -PassThru).</summary>
        private protected TObject Refresh(HostTarget host, TObject item) =>
            Await(ct => Kind.DriverOf(host.Connection.Driver).GetAsync(IdentityOf(item), ct));

        private static string Capitalized(string noun) => noun.Length == 0 ? noun : char.ToUpperInvariant(noun[0]) + noun.Substring(1);
    }
}
