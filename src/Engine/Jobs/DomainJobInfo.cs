using System;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Jobs
{
    /// <summary>
    /// A domain's current (or last completed) job, read from libvirt's job statistics typed parameters
    /// (GET_JOB_STATS keys). Every driver produces the typed parameters; this type only reads them.
    /// </summary>
    public sealed class DomainJobInfo
    {
        public string Domain { get; set; } = "";
        public string Host { get; set; } = "";
        public DomainJobType Type { get; set; }
        /// <summary>What the job does; a number libvirt added after this enum stays visible as that number.</summary>
        public DomainJobOperation Operation { get; set; }
        public TimeSpan Elapsed { get; set; }
        public TimeSpan? Remaining { get; set; }
        public ulong DataTotal { get; set; }
        public ulong DataProcessed { get; set; }
        public ulong DataRemaining { get; set; }
        public ulong MemoryTotal { get; set; }
        public ulong MemoryProcessed { get; set; }
        public ulong MemoryRemaining { get; set; }
        /// <summary>Transfer rate in bytes per second.</summary>
        public ulong MemoryBps { get; set; }
        public ulong MemoryIteration { get; set; }
        public TimeSpan? Downtime { get; set; }
        public bool? Success { get; set; }
        public string? ErrorMessage { get; set; }

        /// <summary>
        /// How far the job is, 0 to 100, or null before the total is known. Counted from what remains, as virsh
        /// does: pages QEMU skips (zero pages) are never "processed", yet they are done.
        /// </summary>
        public int? PercentComplete =>
            DataTotal == 0 ? (int?)null : (int)(100 - Math.Min(100, DataRemaining * 100 / DataTotal));

        public double RateMiBps => MemoryBps / 1048576.0;

        /// <summary>Every statistic as the driver sent it, including those without a property here.</summary>
        public TypedParameterList Statistics { get; set; } = new TypedParameterList();

        public static DomainJobInfo FromStatistics(DomainJobType type, TypedParameterList stats)
        {
            var info = new DomainJobInfo { Type = type, Statistics = stats };
            if (stats.TryGetUInt64(JobStatisticKeys.Operation, out var op)) info.Operation = (DomainJobOperation)op;
            if (stats.TryGetUInt64(JobStatisticKeys.TimeElapsed, out var e)) info.Elapsed = TimeSpan.FromMilliseconds(e);
            if (stats.TryGetUInt64(JobStatisticKeys.TimeRemaining, out var r)) info.Remaining = TimeSpan.FromMilliseconds(r);
            if (stats.TryGetUInt64(JobStatisticKeys.Downtime, out var d)) info.Downtime = TimeSpan.FromMilliseconds(d);
            stats.TryGetUInt64(JobStatisticKeys.DataTotal, out var v); info.DataTotal = v;
            stats.TryGetUInt64(JobStatisticKeys.DataProcessed, out v); info.DataProcessed = v;
            stats.TryGetUInt64(JobStatisticKeys.DataRemaining, out v); info.DataRemaining = v;
            stats.TryGetUInt64(JobStatisticKeys.MemoryTotal, out v); info.MemoryTotal = v;
            stats.TryGetUInt64(JobStatisticKeys.MemoryProcessed, out v); info.MemoryProcessed = v;
            stats.TryGetUInt64(JobStatisticKeys.MemoryRemaining, out v); info.MemoryRemaining = v;
            stats.TryGetUInt64(JobStatisticKeys.MemoryBps, out v); info.MemoryBps = v;
            stats.TryGetUInt64(JobStatisticKeys.MemoryIteration, out v); info.MemoryIteration = v;
            var success = stats.Find(JobStatisticKeys.Success);
            if (success != null) info.Success = success.AsUInt64() != 0;
            info.ErrorMessage = stats.GetString(JobStatisticKeys.ErrorMessage);
            return info;
        }
    }
}
