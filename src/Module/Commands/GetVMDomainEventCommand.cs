using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Events;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Completion;
using Libvirt.PowerShell.Events;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Streams domain events as objects while it waits (-Wait), until -Count events, -TimeoutSec or Ctrl+C.
    /// libvirt keeps no history of events, so there is nothing to get without waiting.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainEvent", DefaultParameterSetName = ByNameSet, HelpUri = HelpLinks.Base + "Get-VMDomainEvent.md")]
    [OutputType(typeof(DomainEvent))]
    public sealed class GetVMDomainEventCommand : LibvirtCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByObjectSet = "ByObject";
        private readonly List<VMDomain> _domains = new List<VMDomain>();

        [Parameter(ParameterSetName = ByNameSet, Position = 0)]
        [Alias("DomainName", "VMName")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

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

        [Parameter]
        [ValidateNotNullOrEmpty]
        public DomainEventKind[]? EventType { get; set; }

        /// <summary>Waits for events and writes each as it arrives.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Stops after this many seconds (no error: the events seen so far were written).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Stops after this many events.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        protected override void ProcessRecord() => _domains.AddRange(Domain);

        protected override void EndProcessing()
        {
            if (!Wait)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(
                    "libvirt keeps no history of events: use -Wait to receive them as they happen, or Register-VMDomainEvent to queue them in the session."),
                    "WaitRequired", ErrorCategory.InvalidArgument, null));
            var filter = new DomainEventFilter(EventType, Name, _domains);
            using var queue = new BlockingCollection<DomainEvent>();
            using var source = new DomainEventSource();
            source.Received += (_, e) => { try { queue.Add(e); } catch (InvalidOperationException) { } };
            try
            {
                foreach (var (connection, owned) in EventHosts.Resolve(this, Uri, Connection, _domains, Cancellation))
                {
                    var subscription = Await(ct => DomainEventSubscription.StartAsync(connection, filter.Kinds, e => { if (filter.Matches(e)) source.Raise(e); }, ct));
                    source.Add(subscription, owned);
                    WriteVerbose($"Listening to {string.Join(", ", filter.Kinds)} events on {connection.Uri}.");
                }
            }
            catch (Exception ex) when (Errors.ErrorMapping.IsReportable(ex))
            {
                ThrowFailure(ex, null);
            }
            var clock = Stopwatch.StartNew();
            var written = 0;
            while (Count == 0 || written < Count)
            {
                var left = TimeoutSec == 0 ? -1 : (int)Math.Max(0, TimeoutSec * 1000L - clock.ElapsedMilliseconds);
                bool got;
                DomainEvent? e;
                try { got = queue.TryTake(out e, left, Cancellation); }
                catch (OperationCanceledException) { throw new PipelineStoppedException(); }
                if (!got) break;
                WriteObject(e);
                written++;
            }
            if (source.Resubscriptions > 0)
                WriteWarning($"The connection was lost and reopened {source.Resubscriptions} time(s) while waiting; events sent meanwhile were missed.");
            base.EndProcessing();
        }
    }
}
