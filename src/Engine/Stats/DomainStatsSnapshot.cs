using System;
using System.Collections.Generic;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Stats
{
    /// <summary>One domain's statistics at one moment, as the host reported them (libvirt's field names, e.g. cpu.time, block.0.rd.bytes).</summary>
    public sealed class DomainStatsSnapshot
    {
        public DomainStatsSnapshot(DomainIdentity domain, TypedParameterList values, DateTime timestamp)
        {
            Domain = domain;
            Values = values ?? throw new ArgumentNullException(nameof(values));
            Timestamp = timestamp;
        }

        public DomainIdentity Domain { get; }
        public TypedParameterList Values { get; }

        /// <summary>When the reply arrived (libvirt's records carry no time of their own).</summary>
        public DateTime Timestamp { get; }

        public bool TryGet(string field, out double value)
        {
            var p = Values.Find(field);
            if (p == null || p.Value is string || p.Value is bool) { value = 0; return false; }
            value = Convert.ToDouble(p.Value, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        public string? GetString(string field) => Values.GetString(field);
    }
}
