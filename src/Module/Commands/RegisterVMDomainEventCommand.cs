using System;
using System.Collections.Generic;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Events;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Events;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Subscribes to domain events into PowerShell's event queue, as Register-ObjectEvent does: Wait-Event,
    /// Get-Event and -Action see them, $Event.SourceEventArgs is the domain event, Unregister-Event ends the
    /// registration on the host too. Registrations come back by themselves after the connection heals.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "VMDomainEvent", DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Register-VMDomainEvent.md")]
    [OutputType(typeof(PSEventJob))]
    public sealed class RegisterVMDomainEventCommand : LibvirtCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByObjectSet = "ByObject";
        private readonly List<VMDomain> _domains = new List<VMDomain>();

        /// <summary>Only events of domains whose names match (wildcards); all domains when omitted.</summary>
        [Parameter(ParameterSetName = ByNameSet, Position = 0)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only events of these domains (from Get-VMDomain), on their hosts.</summary>
        [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public VMDomain[] Domain { get; set; } = Array.Empty<VMDomain>();

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Uri { get; set; }

        [Parameter(ParameterSetName = ByNameSet)]
        [ValidateNotNull]
        public VMHostConnection[]? Connection { get; set; }

        /// <summary>The kinds of event (Lifecycle, Reboot, DeviceAdded, DeviceRemoved, JobCompleted, AgentLifecycle when omitted).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public DomainEventKind[]? EventType { get; set; }

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? SourceIdentifier { get; set; }

        [Parameter(Position = 2)]
        public ScriptBlock? Action { get; set; }

        [Parameter]
        public PSObject? MessageData { get; set; }

        [Parameter]
        public int MaxTriggerCount { get; set; }

        /// <summary>Hides the subscription from Get-EventSubscriber, as Register-ObjectEvent -SupportEvent does.</summary>
        [Parameter]
        public SwitchParameter SupportEvent { get; set; }

        [Parameter]
        public SwitchParameter Forward { get; set; }

        protected override void ProcessRecord() => _domains.AddRange(Domain);

        protected override void EndProcessing()
        {
            var filter = new DomainEventFilter(EventType, Name, _domains);
            var source = new DomainEventSource();
            var identifier = SourceIdentifier ?? Guid.NewGuid().ToString();
            // Checked before anything is registered on a host, as Register-ObjectEvent does.
            if (Events.GetEventSubscribers(identifier).GetEnumerator().MoveNext())
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"A subscriber with the source identifier '{identifier}' already exists."),
                    "SourceIdentifierInUse", ErrorCategory.ResourceExists, identifier));
            try
            {
                foreach (var (connection, owned) in EventHosts.Resolve(this, Uri, Connection, _domains, Cancellation))
                {
                    var subscription = Await(ct => DomainEventSubscription.StartAsync(connection, filter.Kinds, e => { if (filter.Matches(e)) source.Raise(e); }, ct));
                    source.Add(subscription, owned);
                }
            }
            catch (Exception ex) when (ErrorMapping(ex))
            {
                source.Dispose();
                ThrowFailure(ex, identifier);
            }
            PSEventSubscriber subscriber;
            try
            {
                subscriber = Events.SubscribeEvent(source, nameof(DomainEventSource.Received), identifier, MessageData, Action, SupportEvent, Forward, MaxTriggerCount);
            }
            catch (ArgumentException ex) // lost a race with another registration of the same name
            {
                source.Dispose();
                ThrowTerminatingError(new ErrorRecord(ex, "SourceIdentifierInUse", ErrorCategory.ResourceExists, identifier));
                return;
            }
            subscriber.Unsubscribed += (_, __) => source.Dispose();
            if (Action != null) WriteObject(subscriber.Action);
            base.EndProcessing();
        }

        private static bool ErrorMapping(Exception ex) => Errors.ErrorMapping.IsReportable(ex);
    }
}
