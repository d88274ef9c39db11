using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// What every libvirt object kind with a definition offers (domains now; networks, storage pools,
    /// interfaces later): list, look up, refresh, define, undefine, XML. Objects are passed by
    /// <typeparamref name="TIdentity"/>, the kind's remote_nonnull_* shape, which drivers resolve by UUID.
    /// </summary>
    public interface IObjectDriver<TObject, TIdentity>
    {
        /// <summary>Every object of the kind, active and inactive, in a constant number of round trips.</summary>
        Task<IReadOnlyList<TObject>> ListAsync(CancellationToken cancellationToken);

        Task<TObject> LookupByNameAsync(string name, CancellationToken cancellationToken);

        Task<TObject> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken);

        /// <summary>The object as the host sees it now.</summary>
        Task<TObject> GetAsync(TIdentity identity, CancellationToken cancellationToken);

        /// <summary>Defines a persistent object, or a new definition for an existing one (vir*DefineXML).</summary>
        Task<TObject> DefineAsync(string xml, CancellationToken cancellationToken);

        Task UndefineAsync(TIdentity identity, CancellationToken cancellationToken);

        /// <summary>The live definition, or with <paramref name="inactive"/> the one used at next start.</summary>
        Task<string> GetXmlAsync(TIdentity identity, bool inactive, CancellationToken cancellationToken);
    }

    /// <summary>Objects that run: domains, networks, storage pools (vir*Create, vir*CreateXML, vir*Destroy).</summary>
    public interface ILifecycleDriver<TObject, TIdentity>
    {
        /// <summary>Starts a defined object.</summary>
        Task StartAsync(TIdentity identity, CancellationToken cancellationToken);

        /// <summary>Creates and starts a transient object from XML.</summary>
        Task<TObject> CreateAsync(string xml, CancellationToken cancellationToken);

        /// <summary>Stops the object at once; a transient one is gone afterwards.</summary>
        Task DestroyAsync(TIdentity identity, CancellationToken cancellationToken);
    }
}
