using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Completion
{
    /// <summary>Completes -Name with the domain names of the host the command line targets (or the session's hosts).</summary>
    public sealed class DomainNameCompleter : ObjectNameCompleter<VMDomain, DomainIdentity>
    {
        public DomainNameCompleter() : base(ObjectKinds.Domain) { }
    }
}
