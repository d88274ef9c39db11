using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Drivers.Test
{
    /// <summary>One snapshot of a test domain: the definition and state it returns the domain to. Guarded by the host's lock.</summary>
    internal sealed class TestSnapshot
    {
        public TestSnapshot(string name, string? description, string? parent, long creationTime, DomainState state, DomainDefinition definition)
        {
            Name = name;
            Description = description;
            Parent = parent;
            CreationTime = creationTime;
            State = state;
            Definition = definition;
        }

        public string Name { get; }
        public string? Description { get; }
        public string? Parent { get; set; }

        /// <summary>Seconds since 1970, as libvirt's &lt;creationTime&gt;.</summary>
        public long CreationTime { get; }
        public DomainState State { get; }
        public DomainDefinition Definition { get; }

        /// <summary>libvirt's &lt;state&gt; names for the states a test domain can be in.</summary>
        public string StateName => State switch
        {
            DomainState.Running => "running",
            DomainState.Paused => "paused",
            DomainState.ShutOff => "shutoff",
            _ => State.ToString().ToLowerInvariant(),
        };
    }
}
