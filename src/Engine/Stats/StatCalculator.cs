using System;
using System.Collections.Generic;
using System.Globalization;

namespace Libvirt.Engine.Stats
{
    /// <summary>
    /// Turns two snapshots of the same entity into metrics: counters (CPU time, bytes, requests) become rates
    /// over the time between them, gauges (balloon, state) are the later value. Units are those PowerCLI users
    /// know (percent, KiB, bytes per second, operations per second).
    /// </summary>
    public static class StatCalculator
    {
        public static IEnumerable<VMStat> Domain(DomainStatsSnapshot before, DomainStatsSnapshot after)
        {
            var name = after.Domain.Name;
            var seconds = (after.Timestamp - before.Timestamp).TotalSeconds;
            var t = after.Timestamp;
            VMStat Stat(string id, double value, string unit, string instance = "", bool rate = false) =>
                new VMStat(name, id, t, value, unit, instance) { EntityUuid = after.Domain.Uuid, IntervalSecs = rate ? seconds : 0 };

            if (after.TryGet("state.state", out var state)) yield return Stat("sys.state", state, "state");
            if (seconds > 0 && before.TryGet("cpu.time", out var cpu0) && after.TryGet("cpu.time", out var cpu1) && cpu1 >= cpu0)
            {
                // cpu.time is nanoseconds of host CPU over all vCPUs; 100 % is all vCPUs busy, as virt-top shows it.
                var vcpus = after.TryGet("vcpu.current", out var n) && n > 0 ? n : 1;
                yield return Stat("cpu.usage.percent", Math.Round((cpu1 - cpu0) / (seconds * 1e9 * vcpus) * 100, 2), "percent", rate: true);
            }
            if (after.TryGet("vcpu.current", out var current)) yield return Stat("cpu.vcpus", current, "count");
            if (after.TryGet("balloon.current", out var balloon)) yield return Stat("mem.actual.kib", balloon, "KiB");
            if (after.TryGet("balloon.rss", out var rss)) yield return Stat("mem.rss.kib", rss, "KiB");
            if (after.TryGet("balloon.available", out var available) && after.TryGet("balloon.unused", out var unused))
                yield return Stat("mem.used.kib", available - unused, "KiB");

            foreach (var s in Devices(before, after, "block", "disk", new[] { ("rd.bytes", "read.bytesps", "Bps"), ("wr.bytes", "write.bytesps", "Bps"), ("rd.reqs", "read.iops", "iops"), ("wr.reqs", "write.iops", "iops") }, seconds, Stat)) yield return s;
            foreach (var s in Devices(before, after, "net", "net", new[] { ("rx.bytes", "rx.bytesps", "Bps"), ("tx.bytes", "tx.bytesps", "Bps"), ("rx.pkts", "rx.pktsps", "pps"), ("tx.pkts", "tx.pktsps", "pps") }, seconds, Stat)) yield return s;
        }

        private static IEnumerable<VMStat> Devices(DomainStatsSnapshot before, DomainStatsSnapshot after, string group, string metric,
            (string Field, string Id, string Unit)[] counters, double seconds, Func<string, double, string, string, bool, VMStat> stat)
        {
            if (seconds <= 0 || !after.TryGet(group + ".count", out var count)) yield break;
            for (var i = 0; i < (int)count; i++)
            {
                var prefix = $"{group}.{i.ToString(CultureInfo.InvariantCulture)}.";
                var instance = after.GetString(prefix + "name") ?? i.ToString(CultureInfo.InvariantCulture);
                // The same device in both snapshots (a hot-plug between them renumbers): matched by name.
                var j = IndexOf(before, group, instance);
                if (j == null) continue;
                var beforePrefix = $"{group}.{j.Value.ToString(CultureInfo.InvariantCulture)}.";
                foreach (var (field, id, unit) in counters)
                {
                    if (!before.TryGet(beforePrefix + field, out var a) || !after.TryGet(prefix + field, out var b) || b < a) continue;
                    yield return stat($"{metric}.{id}", Math.Round((b - a) / seconds, 2), unit, instance, true);
                }
            }
        }

        private static int? IndexOf(DomainStatsSnapshot s, string group, string name)
        {
            if (!s.TryGet(group + ".count", out var count)) return null;
            for (var i = 0; i < (int)count; i++)
                if ((s.GetString($"{group}.{i.ToString(CultureInfo.InvariantCulture)}.name") ?? i.ToString(CultureInfo.InvariantCulture)) == name) return i;
            return null;
        }

        /// <summary>Host CPU: each counter as it is (ns) and, over an interval, the busy percentage (everything but idle and iowait).</summary>
        public static IEnumerable<VMStat> HostCpu(string host, IReadOnlyDictionary<string, ulong>? before, IReadOnlyDictionary<string, ulong> after, DateTime t, double seconds)
        {
            foreach (var kv in after) yield return new VMStat(host, "cpu." + kv.Key + ".ns", t, kv.Value, "ns", "");
            if (before == null || seconds <= 0) yield break;
            double total = 0, idle = 0;
            foreach (var kv in after)
            {
                if (!before.TryGetValue(kv.Key, out var b) || kv.Value < b) continue;
                var d = (double)(kv.Value - b);
                // "utilization" is reported by some drivers as a percentage already, not a counter.
                if (kv.Key == "utilization") continue;
                total += d;
                if (kv.Key == "idle" || kv.Key == "iowait") idle += d;
            }
            if (total > 0) yield return new VMStat(host, "cpu.usage.percent", t, Math.Round((total - idle) / total * 100, 2), "percent", "") { IntervalSecs = seconds };
        }

        /// <summary>Host memory: each field in KiB, and used = total - free - buffers - cached when all are there.</summary>
        public static IEnumerable<VMStat> HostMemory(string host, IReadOnlyDictionary<string, ulong> memory, DateTime t)
        {
            foreach (var kv in memory) yield return new VMStat(host, "mem." + kv.Key + ".kib", t, kv.Value, "KiB", "");
            if (memory.TryGetValue("total", out var total) && memory.TryGetValue("free", out var free))
            {
                memory.TryGetValue("buffers", out var buffers);
                memory.TryGetValue("cached", out var cached);
                yield return new VMStat(host, "mem.used.kib", t, (double)total - free - buffers - cached, "KiB", "");
            }
        }
    }
}
