using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;
using Libvirt.PowerShell.Migration;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Migrates domains to another host (virsh migrate). Every libvirt migration parameter and flag is a
    /// parameter of this command, generated from the migration tables; -Parameter takes the same settings as
    /// a hashtable, an object or JSON. Progress is shown while it runs; Ctrl+C, Stop-Job (with -AsJob) or
    /// Stop-VMDomainJob abort it and the domain keeps running on the source.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Move-VMDomain.md")]
    [OutputType(typeof(VMDomain), typeof(Job))]
    public sealed class MoveVMDomainCommand : DomainCmdlet, IDynamicParameters
    {
        private static int _nextActivityId = 1000;
        private RuntimeDefinedParameterDictionary? _dynamic;
        private MigrationParameterSet _settings = new MigrationParameterSet();
        private HostTarget? _destination;

        /// <summary>libvirt URI of the destination host, as this client (or, peer-to-peer, the source host) reaches it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationUri { get; set; }

        /// <summary>A connection to the destination host (from Connect-VMHost).</summary>
        [Parameter]
        [ValidateNotNull]
        public VMHostConnection? Destination { get; set; }

        /// <summary>Migration settings as a hashtable, an object with properties, or JSON text; keys are parameter or flag names or libvirt keys.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Parameter { get; set; }

        /// <summary>Return the domain as it is on the destination.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Run the migration as a background job.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        public object GetDynamicParameters() => _dynamic ??= MigrationDynamicParameters.Build(MigrationTablesScope.Current);

        protected override string Action
        {
            get
            {
                var settings = MigrationDescriber.DescribeSettings(_settings);
                return $"Migrate to {DestinationLabel}" + (settings.Length == 0 ? "" : ": " + settings);
            }
        }

        private string DestinationLabel => Destination?.Uri ?? DestinationUri ?? "?";

        protected override void BeginProcessing()
        {
            if ((Destination == null) == (DestinationUri == null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give the destination host with -DestinationUri or -Destination (one of them)."),
                    "DestinationRequired", ErrorCategory.InvalidArgument, null));
            try
            {
                _settings = ReadSettings();
                // Refuse bad settings before any host is touched.
                MigrationValidator.Validate(_settings);
            }
            catch (LibvirtException ex)
            {
                ThrowFailure(ex, ex.Target);
            }
            WriteVerbose("Migration settings: " + MigrationDescriber.DescribeSettings(_settings));
        }

        private MigrationParameterSet ReadSettings()
        {
            var tables = MigrationTablesScope.Current;
            var explicitSet = MigrationParameterSet.Parse(MigrationDynamicParameters.BoundValues((RuntimeDefinedParameterDictionary)GetDynamicParameters()), tables);
            if (Parameter == null) return explicitSet;
            var raw = Parameter is PSObject ps ? ps.BaseObject : Parameter;
            var given = raw is string json
                ? MigrationParameterSet.FromJson(json, tables)
                : MigrationParameterSet.Parse(PowerShellValues.ToDictionary(Parameter, nameof(Parameter)), tables);
            return explicitSet.Merge(given);
        }

        // A migration waits on the pipeline thread (MigrationRunner, PipelineThread): several at once are -AsJob's.
        private protected override bool ProcessesHostsConcurrently => false;

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var settings = _settings.Clone();
            var current = Refresh(host, domain);
            // As libvirt's client does: a paused domain stays paused on the destination.
            if (current.State == DomainState.Paused && !settings.HasFlag(MigrationFlag.Offline)) settings.SetFlag(MigrationFlag.Paused);

            var peerToPeer = settings.HasFlag(MigrationFlag.PeerToPeer) || settings.HasFlag(MigrationFlag.Tunnelled);
            // Peer-to-peer, the source daemon reaches the destination itself; this client needs it only to answer -PassThru.
            var destination = peerToPeer && Destination == null && !PassThru ? null : ResolveDestination();
            if (destination != null && ReferenceEquals(destination.Connection, host.Connection) || string.Equals(DestinationLabel, host.Connection.Uri, StringComparison.Ordinal))
                throw LibvirtException.OperationInvalid($"the destination {DestinationLabel} is the host the domain is on", ErrorDomain.Domain, domain.Name);

            if (AsJob)
            {
                StartJob(host, domain, settings, destination);
                return;
            }
            var runner = CreateRunner(host, domain, settings, destination, peerToPeer);
            MigrationOutcome outcome;
            try
            {
                outcome = runner.Run(WriteProgress, WriteVerbose, Cancellation);
            }
            catch (Exception) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            foreach (var w in outcome.Warnings) WriteWarning(w);
            if (PassThru) WriteObject(Await(ct => MigratedDomain(outcome, domain, settings, destination!, ct)));
        }

        private static Version? QemuVersion(VMHost host) =>
            string.Equals(host.HypervisorType, "QEMU", StringComparison.OrdinalIgnoreCase) ? host.HypervisorVersion : null;

        private MigrationRunner CreateRunner(HostTarget host, VMDomain domain, MigrationParameterSet settings, HostTarget? destination, bool peerToPeer)
        {
            // One host query per side: libvirt's release for parameters and flags, QEMU's for the choices it dropped.
            var source = Await(ct => host.Connection.Driver.Host().GetHostAsync(ct));
            var target = destination == null ? null : Await(ct => destination.Connection.Driver.Host().GetHostAsync(ct));
            var request = new MigrationRequest(domain.ToIdentity(), host.Connection.Driver.Migration(), settings)
            {
                Destination = peerToPeer ? null : destination?.Connection.Driver.Migration(),
                DestinationUri = DestinationLabel,
                SourceVersion = source.LibvirtVersion,
                DestinationVersion = target?.LibvirtVersion,
                SourceQemuVersion = QemuVersion(source),
                DestinationQemuVersion = target == null ? null : QemuVersion(target),
            };
            return new MigrationRunner(request, Domains(host), domain.Name, DestinationLabel, Interlocked.Increment(ref _nextActivityId));
        }

        /// <summary>
        /// A job outlives this command, so it runs on connections of its own, which it closes when it ends: a
        /// connection this command opened for -Uri is opened again for the job (each job its own, even when
        /// several share a host); the session's connections (Connect-VMHost) are shared and stay open.
        /// </summary>
        private void StartJob(HostTarget host, VMDomain domain, MigrationParameterSet settings, HostTarget? destination)
        {
            var owned = new List<IDisposable>();
            try
            {
                var jobSource = OwnFor(host, owned);
                var jobDestination = destination == null ? null : OwnFor(destination, owned);
                var peerToPeer = settings.HasFlag(MigrationFlag.PeerToPeer) || settings.HasFlag(MigrationFlag.Tunnelled);
                var passThru = PassThru.IsPresent;
                var runner = CreateRunner(jobSource, domain, settings, jobDestination, peerToPeer);
                var job = new MigrationJob(MyInvocation.Line, $"Move-VMDomain {domain.Name}", host.Connection.Hostname, GetType(), async (j, ct) =>
                {
                    var outcome = await runner.RunAsync(j.Progress.Add, line => j.Verbose.Add(new VerboseRecord(line)), ct).ConfigureAwait(false);
                    foreach (var w in outcome.Warnings) j.Warning.Add(new WarningRecord(w));
                    if (passThru) j.Output.Add(PSObject.AsPSObject(await MigratedDomain(outcome, domain, settings, jobDestination!, ct).ConfigureAwait(false)));
                }, owned);
                JobRepository.Add(job);
                job.Start();
                WriteObject(job);
            }
            catch
            {
                foreach (var c in owned) c.Dispose();
                throw;
            }
        }

        private HostTarget OwnFor(HostTarget target, List<IDisposable> owned)
        {
            if (!target.Owned) return target;
            // No warning or verbose delegates: they would point at this command after it has ended.
            var connection = SessionHosts.Current.Open(target.Connection.Uri, new ConnectOptions(), Cancellation);
            owned.Add(connection);
            return new HostTarget(connection, owned: false);
        }

        private static async Task<VMDomain> MigratedDomain(MigrationOutcome outcome, VMDomain domain, MigrationParameterSet settings, HostTarget destination, CancellationToken ct)
        {
            if (outcome.Domain != null) return outcome.Domain;
            var name = settings.Get(MigrationParameter.DestinationName) as string ?? domain.Name;
            return await Domains(destination).LookupByNameAsync(name, ct).ConfigureAwait(false);
        }

        private HostTarget ResolveDestination() =>
            _destination ??= Destination != null ? new HostTarget(Destination, owned: false) : Hosts.ForUri(DestinationUri!, Cancellation);
    }
}
