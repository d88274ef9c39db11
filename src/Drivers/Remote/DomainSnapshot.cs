using System;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Remote
{
    /// <summary>
    /// Builds a VMDomain from what the daemon reported: an identity plus either an all-domain-stats record
    /// or DOMAIN_GET_INFO (+ GET_STATE). Memory arrives in KiB, CPU time in nanoseconds.
    /// </summary>
    internal static class DomainSnapshot
    {
        public static VMDomain FromIdentity(DomainIdentity identity, string host, string uri) => new VMDomain
        {
            Name = identity.Name,
            Uuid = identity.Uuid,
            Id = identity.Id >= 0 ? identity.Id : (int?)null,
            Host = host,
            Uri = uri,
        };

        /// <summary>True when a stats record carries memory and vCPU figures (the QEMU driver does; libvirt's test driver only reports state).</summary>
        public static bool HasResourceStats(TypedParameterList stats) =>
            stats.Find(DomainStatsKeys.BalloonMaximum) != null && stats.Find(DomainStatsKeys.VcpuCurrent) != null;

        public static void ApplyStats(VMDomain d, TypedParameterList stats)
        {
            if (stats.TryGetUInt64(DomainStatsKeys.State, out var state)) d.State = (DomainState)state;
            stats.TryGetUInt64(DomainStatsKeys.Reason, out var reason);
            d.StateReason = DomainStateReason.Describe(d.State, (int)reason);
            if (stats.TryGetUInt64(DomainStatsKeys.CpuTime, out var cpu)) d.CpuTime = FromNanoseconds(cpu);
            if (stats.TryGetUInt64(DomainStatsKeys.BalloonMaximum, out var max)) d.MaxMemoryMB = (long)(max / 1024);
            // An inactive domain has no balloon: its current memory is its configured maximum.
            d.MemoryMB = stats.TryGetUInt64(DomainStatsKeys.BalloonCurrent, out var cur) ? (long)(cur / 1024) : d.MaxMemoryMB;
            if (stats.TryGetUInt64(DomainStatsKeys.VcpuCurrent, out var vcpus)) d.VCpus = (int)vcpus;
        }

        public static void ApplyInfo(VMDomain d, DomainInfo info)
        {
            d.State = info.State;
            d.MaxMemoryMB = (long)(info.MaxMemoryKiB / 1024);
            d.MemoryMB = (long)(info.MemoryKiB / 1024);
            d.VCpus = info.VirtCpus;
            d.CpuTime = FromNanoseconds(info.CpuTimeNs);
        }

        public static void ApplyState(VMDomain d, DomainStateReply state)
        {
            d.State = state.State;
            d.StateReason = DomainStateReason.Describe(state.State, state.Reason);
        }

        // TimeSpan ticks are 100 ns.
        private static TimeSpan FromNanoseconds(ulong ns) => TimeSpan.FromTicks((long)(ns / 100));
    }
}
