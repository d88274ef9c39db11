using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Events;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Events
{
    /// <summary>Which events a command wants: kinds (registered on the host) and domains (by name wildcard or by the objects piped in).</summary>
    internal sealed class DomainEventFilter
    {
        /// <summary>The kinds asked for when -EventType is not given: what admins watch (issue 12's list).</summary>
        public static readonly DomainEventKind[] DefaultKinds =
        {
            DomainEventKind.Lifecycle, DomainEventKind.Reboot, DomainEventKind.DeviceAdded, DomainEventKind.DeviceRemoved,
            DomainEventKind.JobCompleted, DomainEventKind.AgentLifecycle,
        };

        private readonly WildcardPattern[] _names;
        private readonly HashSet<Guid> _uuids;

        public DomainEventFilter(DomainEventKind[]? kinds, string[]? names, IEnumerable<VMDomain> domains)
        {
            Kinds = kinds != null && kinds.Length > 0 ? kinds.Distinct().ToArray() : DefaultKinds;
            _names = (names ?? Array.Empty<string>()).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            _uuids = new HashSet<Guid>(domains.Select(d => d.Uuid));
        }

        public DomainEventKind[] Kinds { get; }

        public bool Matches(DomainEvent e) =>
            (_names.Length == 0 && _uuids.Count == 0) || _uuids.Contains(e.Uuid) || _names.Any(p => p.IsMatch(e.DomainName));
    }
}
