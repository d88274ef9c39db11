using Libvirt.Engine.Jobs;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Test
{
    /// <summary>A job's type and statistics at one moment, as GET_JOB_STATS returns them.</summary>
    internal sealed class TestJobSnapshot
    {
        public TestJobSnapshot(DomainJobType type, TypedParameterList statistics) { Type = type; Statistics = statistics; }
        public DomainJobType Type { get; }
        public TypedParameterList Statistics { get; }
    }
}
