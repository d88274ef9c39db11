using System;

namespace Libvirt.Engine.Stats
{
    /// <summary>
    /// One value of one metric for one entity at one time, shaped like PowerCLI's Get-Stat samples: Entity,
    /// MetricId (cpu.usage.percent, disk.read.bytesps ...), Timestamp, Value, Unit, and Instance (a disk's
    /// or interface's name; empty for the whole entity).
    /// </summary>
    public sealed class VMStat
    {
        public VMStat(string entity, string metricId, DateTime timestamp, double value, string unit, string instance)
        {
            Entity = entity;
            MetricId = metricId;
            Timestamp = timestamp;
            Value = value;
            Unit = unit;
            Instance = instance;
        }

        /// <summary>The domain's name, or the host's for host statistics.</summary>
        public string Entity { get; }
        public Guid? EntityUuid { get; set; }
        public string MetricId { get; }
        public DateTime Timestamp { get; }
        public double Value { get; }
        public string Unit { get; }
        public string Instance { get; set; }

        /// <summary>The seconds a rate was computed over (0 for a value read as it is).</summary>
        public double IntervalSecs { get; set; }

        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        public override string ToString() => $"{Entity} {MetricId}{(Instance.Length > 0 ? "[" + Instance + "]" : "")} = {Value} {Unit}";
    }
}
