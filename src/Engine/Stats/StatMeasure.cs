using System;
using System.Collections.Generic;
using System.Linq;

namespace Libvirt.Engine.Stats
{
    /// <summary>Measure-VMDomain's summary of one metric of one entity over several samples: average, minimum, peak.</summary>
    public sealed class StatMeasure
    {
        public string Entity { get; set; } = "";
        public string MetricId { get; set; } = "";
        public string Instance { get; set; } = "";
        public string Unit { get; set; } = "";
        public int Samples { get; set; }
        public double Average { get; set; }
        public double Minimum { get; set; }
        public double Maximum { get; set; }
        public DateTime Start { get; set; }
        public DateTime Finish { get; set; }
        public string Host { get; set; } = "";
        public string Uri { get; set; } = "";

        /// <summary>Groups samples by entity, metric and instance (in the order first seen) and summarizes each group.</summary>
        public static IEnumerable<StatMeasure> Of(IEnumerable<VMStat> samples) =>
            samples.GroupBy(s => (s.Uri, s.Entity, s.MetricId, s.Instance)).Select(g =>
            {
                var values = g.Select(s => s.Value).ToList();
                var first = g.First();
                return new StatMeasure
                {
                    Entity = first.Entity, MetricId = first.MetricId, Instance = first.Instance, Unit = first.Unit,
                    Samples = values.Count, Average = Math.Round(values.Average(), 2), Minimum = values.Min(), Maximum = values.Max(),
                    Start = g.Min(s => s.Timestamp), Finish = g.Max(s => s.Timestamp), Host = first.Host, Uri = first.Uri,
                };
            });
    }
}
