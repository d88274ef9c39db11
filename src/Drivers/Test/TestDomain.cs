using System;
using System.Diagnostics;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>One domain of an in-process test host. Guarded by its host's lock.</summary>
    internal sealed class TestDomain
    {
        private readonly Stopwatch _running = new Stopwatch();
        private TimeSpan _cpuTimeBefore;

        public TestDomain(DomainDefinition definition, bool persistent)
        {
            Definition = definition;
            Persistent = persistent;
            State = DomainState.ShutOff;
            Reason = DomainStateReason.ValueOf(DomainState.ShutOff, "Unknown");
        }

        /// <summary>The definition in effect: the live one while running, the persistent one otherwise.</summary>
        public DomainDefinition Definition { get; set; }

        /// <summary>A persistent definition given while running; it takes effect when the domain stops.</summary>
        public DomainDefinition? PendingDefinition { get; set; }

        public bool Persistent { get; set; }

        /// <summary>A managed save image exists (a node file's &lt;test:hasmanagedsave/&gt;): undefine refuses it.</summary>
        public bool HasManagedSave { get; set; }
        public bool Autostart { get; set; }
        public DomainState State { get; private set; }
        public int Reason { get; private set; }
        public int? Id { get; private set; }

        /// <summary>The domain's snapshots in the order they were taken.</summary>
        public System.Collections.Generic.List<TestSnapshot> Snapshots { get; } = new System.Collections.Generic.List<TestSnapshot>();

        /// <summary>The name of the current snapshot (the parent of the next one), or null.</summary>
        public string? CurrentSnapshot { get; set; }

        /// <summary>The migration job running on this domain, if any.</summary>
        public TestMigrationJob? Job { get; set; }

        /// <summary>Statistics of the last finished job, as GET_JOB_STATS with COMPLETED returns them.</summary>
        public TestJobSnapshot? CompletedJob { get; set; }

        public string Name => Definition.Name;
        public Guid Uuid => Definition.Uuid;
        public bool IsActive => Id.HasValue;

        public TimeSpan CpuTime => _cpuTimeBefore + _running.Elapsed;

        public DomainIdentity Identity => new DomainIdentity(Name, Uuid, Id ?? -1);

        public void SetState(DomainState state, string reason)
        {
            State = state;
            Reason = DomainStateReason.ValueOf(state, reason);
            if (state == DomainState.Running) _running.Start(); else _running.Stop();
        }

        public void MarkStarted(int id, DomainState state, string reason)
        {
            // A running persistent domain has two definitions, as in libvirt (def and newDef): live changes
            // (Set-VMDomain -Live) must not reach the one it boots with next. Definitions are replaced, never
            // edited in place, so sharing the object until one side changes is safe.
            if (Persistent && PendingDefinition == null) PendingDefinition = Definition;
            Id = id;
            SetState(state, reason);
        }

        public void MarkStopped(string reason)
        {
            Id = null;
            _cpuTimeBefore = TimeSpan.Zero;
            _running.Reset();
            SetState(DomainState.ShutOff, reason);
            if (PendingDefinition != null)
            {
                Definition = PendingDefinition;
                PendingDefinition = null;
            }
        }

        /// <summary>The persistent definition (what -Inactive shows).</summary>
        public DomainDefinition InactiveDefinition => PendingDefinition ?? Definition;

        public VMDomain ToModel(string hostname, string uri) => new VMDomain
        {
            Name = Name,
            Id = Id,
            Uuid = Uuid,
            State = State,
            StateReason = DomainStateReason.Describe(State, Reason),
            VCpus = Definition.VCpus,
            MemoryMB = (long)(Definition.CurrentMemoryKiB / 1024),
            MaxMemoryMB = (long)(Definition.MemoryKiB / 1024),
            CpuTime = CpuTime,
            Persistent = Persistent,
            Autostart = Autostart,
            Host = hostname,
            Uri = uri,
        };
    }
}
