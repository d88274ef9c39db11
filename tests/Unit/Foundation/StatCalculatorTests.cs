using System;
using System.Linq;
using Libvirt.Engine.Model;
using Libvirt.Engine.Stats;
using Libvirt.Engine.TypedParameters;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    public class StatCalculatorTests
    {
        private static readonly DomainIdentity Dom = new DomainIdentity("d", Guid.NewGuid(), 1);

        private static DomainStatsSnapshot Snap(DateTime t, params TypedParameter[] p) => new DomainStatsSnapshot(Dom, new TypedParameterList(p), t);

        [Fact]
        public void Counters_become_rates_over_the_interval_and_devices_are_matched_by_name()
        {
            var t0 = new DateTime(2026, 1, 1, 0, 0, 0);
            var before = Snap(t0, TypedParameter.ULLong("cpu.time", 1_000_000_000), TypedParameter.UInt("vcpu.current", 2),
                TypedParameter.UInt("block.count", 2), TypedParameter.String("block.0.name", "vda"), TypedParameter.ULLong("block.0.rd.bytes", 1000),
                TypedParameter.String("block.1.name", "vdb"), TypedParameter.ULLong("block.1.rd.bytes", 0));
            // vda went away between the samples: vdb is now block.0.
            var after = Snap(t0.AddSeconds(2), TypedParameter.ULLong("cpu.time", 3_000_000_000), TypedParameter.UInt("vcpu.current", 2),
                TypedParameter.UInt("block.count", 1), TypedParameter.String("block.0.name", "vdb"), TypedParameter.ULLong("block.0.rd.bytes", 4096),
                TypedParameter.ULLong("balloon.current", 65536));
            var stats = StatCalculator.Domain(before, after).ToList();
            Assert.Equal(50, stats.Single(s => s.MetricId == "cpu.usage.percent").Value); // 2 s of CPU over 2 vCPUs in 2 s
            var read = stats.Single(s => s.MetricId == "disk.read.bytesps");
            Assert.Equal(("vdb", 2048.0, "Bps", 2.0), (read.Instance, read.Value, read.Unit, read.IntervalSecs));
            Assert.Equal(65536, stats.Single(s => s.MetricId == "mem.actual.kib").Value);
        }

        [Fact]
        public void A_counter_that_went_back_gives_no_rate()
        {
            var t0 = DateTime.Now;
            var stats = StatCalculator.Domain(Snap(t0, TypedParameter.ULLong("cpu.time", 10)), Snap(t0.AddSeconds(1), TypedParameter.ULLong("cpu.time", 5))).ToList();
            Assert.DoesNotContain(stats, s => s.MetricId == "cpu.usage.percent");
        }

        [Fact]
        public void Measures_are_average_minimum_and_peak_per_metric_and_instance()
        {
            var t = DateTime.Now;
            var m = StatMeasure.Of(new[]
            {
                new VMStat("d", "cpu.usage.percent", t, 10, "percent", ""), new VMStat("d", "cpu.usage.percent", t.AddSeconds(1), 30, "percent", ""),
                new VMStat("d", "disk.read.bytesps", t, 5, "Bps", "vda"),
            }).ToList();
            var cpu = m.Single(x => x.MetricId == "cpu.usage.percent");
            Assert.Equal((2, 20.0, 10.0, 30.0), (cpu.Samples, cpu.Average, cpu.Minimum, cpu.Maximum));
            Assert.Equal("vda", m.Single(x => x.MetricId == "disk.read.bytesps").Instance);
        }
    }
}
