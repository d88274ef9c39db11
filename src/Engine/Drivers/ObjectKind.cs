using System;
using System.Collections.Generic;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// What generic code (selection by name, the cmdlet base, completion) needs to know about one object kind:
    /// its noun, its driver on a connection, how an object becomes an identity, and its "not found" error.
    /// One instance per kind, in <see cref="ObjectKinds"/>.
    /// </summary>
    public sealed class ObjectKind<TObject, TIdentity> where TObject : ILibvirtObject
    {
        private readonly Func<IHypervisorDriver, IObjectDriver<TObject, TIdentity>> _driver;
        private readonly Func<TObject, TIdentity> _identity;
        private readonly Func<IHypervisorDriver, ILifecycleDriver<TObject, TIdentity>>? _lifecycle;

        public ObjectKind(string noun, ErrorCode notFoundCode, ErrorDomain errorDomain,
            Func<IHypervisorDriver, IObjectDriver<TObject, TIdentity>> driver, Func<TObject, TIdentity> identity,
            Func<IHypervisorDriver, ILifecycleDriver<TObject, TIdentity>>? lifecycle = null)
        {
            Noun = noun;
            NotFoundCode = notFoundCode;
            ErrorDomain = errorDomain;
            _driver = driver;
            _identity = identity;
            _lifecycle = lifecycle;
        }

        /// <summary>"domain", "network": how messages name one object of the kind.</summary>
        public string Noun { get; }

        /// <summary>The code a driver answers when no object matches (NoDomain, NoNetwork, NoStoragePool).</summary>
        public ErrorCode NotFoundCode { get; }

        public ErrorDomain ErrorDomain { get; }

        public IObjectDriver<TObject, TIdentity> DriverOf(IHypervisorDriver driver) => _driver(driver);

        public TIdentity IdentityOf(TObject obj) => _identity(obj);

        /// <summary>The kind's start/stop driver; NoSupport for kinds that do not run (volumes, secrets).</summary>
        public ILifecycleDriver<TObject, TIdentity> LifecycleOf(IHypervisorDriver driver) =>
            _lifecycle?.Invoke(driver) ?? throw LibvirtException.NoSupport($"{Noun}s do not start or stop", ErrorDomain);

        public bool IsNotFound(LibvirtException e) => e.Code == NotFoundCode;

        /// <summary>"No domain {description} was found on {uris}.", about <paramref name="target"/>.</summary>
        public LibvirtException NotFound(string description, string target, IEnumerable<string> uris) =>
            new LibvirtException(NotFoundCode, ErrorDomain, $"No {Noun} {description} was found on {string.Join(", ", uris)}.") { Target = target };
    }

    /// <summary>The object kinds the module knows; a new kind is one line here plus its driver interface.</summary>
    public static class ObjectKinds
    {
        public static ObjectKind<VMDomain, DomainIdentity> Domain { get; } =
            new ObjectKind<VMDomain, DomainIdentity>("domain", ErrorCode.NoDomain, ErrorDomain.Domain, d => d.Domains(), d => d.ToIdentity(), d => d.Domains());

        public static ObjectKind<VMNetwork, NetworkIdentity> Network { get; } =
            new ObjectKind<VMNetwork, NetworkIdentity>("network", ErrorCode.NoNetwork, ErrorDomain.Network, d => d.Networks(), n => n.ToIdentity(), d => d.Networks());

        public static ObjectKind<VMStoragePool, StoragePoolIdentity> StoragePool { get; } =
            new ObjectKind<VMStoragePool, StoragePoolIdentity>("storage pool", ErrorCode.NoStoragePool, ErrorDomain.Storage, d => d.StoragePools(), p => p.ToIdentity(), d => d.StoragePools());
    }
}
