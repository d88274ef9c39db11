using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// Domains: the shared object and lifecycle shapes, plus what only domains do (guest shutdown and reboot,
    /// pause, jobs). Domains are passed by identity (name, UUID, id) as libvirt's remote_nonnull_domain.
    /// </summary>
    public interface IDomainDriver : IObjectDriver<VMDomain, DomainIdentity>, ILifecycleDriver<VMDomain, DomainIdentity>
    {
        Task<VMDomain> LookupByIdAsync(int id, CancellationToken cancellationToken);

        /// <summary>Asks the guest to shut down (virDomainShutdown).</summary>
        Task ShutdownAsync(DomainIdentity domain, CancellationToken cancellationToken);

        Task RebootAsync(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>Resets the domain at once, like a reset button (virDomainReset); the guest is not asked.</summary>
        Task ResetAsync(DomainIdentity domain, CancellationToken cancellationToken);

        Task SuspendAsync(DomainIdentity domain, CancellationToken cancellationToken);

        Task ResumeAsync(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>Whether the host starts the domain when it boots (virDomainSetAutostart).</summary>
        Task SetAutostartAsync(DomainIdentity domain, bool autostart, CancellationToken cancellationToken);

        /// <summary>The domain's current job (completed = false) or its last completed job (completed = true).</summary>
        Task<DomainJobInfo> GetJobInfoAsync(DomainIdentity domain, bool completed, CancellationToken cancellationToken);

        Task AbortJobAsync(DomainIdentity domain, CancellationToken cancellationToken);
    }
}
