using System;
using System.Collections.Generic;

namespace Libvirt.Engine.Events
{
    /// <summary>
    /// One event a host reported about a domain, whatever its kind: the common facts (which domain, on which
    /// host, when it arrived) and what the kind carries, decoded into names (lifecycle <see cref="Type"/> and
    /// <see cref="Detail"/>, a device alias) and <see cref="Data"/> for the rest (job statistics, offsets).
    /// </summary>
    public sealed class DomainEvent : EventArgs
    {
        public DomainEvent(DomainEventKind kind, string domainName, Guid uuid, int id)
        {
            Kind = kind;
            DomainName = domainName ?? throw new ArgumentNullException(nameof(domainName));
            Uuid = uuid;
            Id = id;
            TimeGenerated = DateTime.Now;
        }

        public DomainEventKind Kind { get; }
        public string DomainName { get; }
        public Guid Uuid { get; }

        /// <summary>The domain's id when the event was sent (-1 when inactive).</summary>
        public int Id { get; }

        /// <summary>The host's name and the connection's URI; set by the engine, which knows them.</summary>
        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>When this process received it (libvirt's events carry no time).</summary>
        public DateTime TimeGenerated { get; set; }

        /// <summary>For lifecycle events: what happened (Started, Stopped, ...); null for other kinds.</summary>
        public DomainLifecycleEventType? Lifecycle { get; set; }

        /// <summary>
        /// The event's type as a name: the lifecycle type, the agent state (Connected), the watchdog or
        /// I/O error action, the job's kind; null where the kind has none.
        /// </summary>
        public string? Type { get; set; }

        /// <summary>The event's detail or reason as a name (Booted, Destroyed, ChannelEvent ...).</summary>
        public string? Detail { get; set; }

        /// <summary>The device the event is about (its alias, or a disk's target or path), where there is one.</summary>
        public string? Device { get; set; }

        /// <summary>Whatever else the event carries, by libvirt's names (job statistics, "offset", "actual").</summary>
        public IDictionary<string, object> Data { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

        public override string ToString() =>
            $"{DomainName}: {Kind}{(Type != null ? " " + Type : "")}{(Detail != null ? " (" + Detail + ")" : "")}{(Device != null ? " " + Device : "")}";
    }
}
