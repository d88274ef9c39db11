using System;
using System.Collections.Generic;
using System.Threading;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Engine.Uris;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// What a hypervisor driver does for the engine: libvirt's public API, one method per call the cmdlets
    /// need. Every cmdlet goes through this interface; a driver that cannot do something throws a
    /// LibvirtException with ErrorCode.NoSupport. Domains are passed by identity (name, UUID, id) as
    /// libvirt's remote_nonnull_domain; drivers resolve them by UUID.
    /// </summary>
    public interface IHypervisorDriver : IDisposable
    {
        LibvirtUri Uri { get; }

        /// <summary>The host's libvirt version (virConnectGetLibVersion), for feature checks.</summary>
        Version GetLibvirtVersion(CancellationToken cancellationToken);

        VMHost GetHost(CancellationToken cancellationToken);

        /// <summary>Every domain, active and inactive, with its info, in a constant number of round trips.</summary>
        IReadOnlyList<VMDomain> ListDomains(CancellationToken cancellationToken);

        VMDomain LookupByName(string name, CancellationToken cancellationToken);
        VMDomain LookupById(int id, CancellationToken cancellationToken);
        VMDomain LookupByUuid(Guid uuid, CancellationToken cancellationToken);

        /// <summary>Refreshes one domain's info.</summary>
        VMDomain GetDomain(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>Defines a persistent domain (virDomainDefineXML).</summary>
        VMDomain DefineDomain(string xml, CancellationToken cancellationToken);

        /// <summary>Creates and starts a transient domain (virDomainCreateXML).</summary>
        VMDomain CreateDomain(string xml, CancellationToken cancellationToken);

        void StartDomain(DomainIdentity domain, CancellationToken cancellationToken);
        void ShutdownDomain(DomainIdentity domain, CancellationToken cancellationToken);
        void DestroyDomain(DomainIdentity domain, CancellationToken cancellationToken);
        void RebootDomain(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>Resets the domain at once, like a reset button (virDomainReset); the guest is not asked.</summary>
        void ResetDomain(DomainIdentity domain, CancellationToken cancellationToken);

        void SuspendDomain(DomainIdentity domain, CancellationToken cancellationToken);
        void ResumeDomain(DomainIdentity domain, CancellationToken cancellationToken);
        void UndefineDomain(DomainIdentity domain, CancellationToken cancellationToken);

        string GetDomainXml(DomainIdentity domain, bool inactive, CancellationToken cancellationToken);

        /// <summary>The domain's current job (completed = false) or its last completed job (completed = true).</summary>
        DomainJobInfo GetJobInfo(DomainIdentity domain, bool completed, CancellationToken cancellationToken);

        void AbortJob(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>Migration phases (libvirt's migration protocol v3 with parameters).</summary>
        IMigrationDriver Migration { get; }
    }
}
