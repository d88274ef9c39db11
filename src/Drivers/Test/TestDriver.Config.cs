using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Test
{
    public sealed partial class TestDriver : IDomainConfigDriver
    {
        public Task<int> GetVcpusAsync(DomainIdentity domain, DomainImpact impact, bool maximum, CancellationToken cancellationToken) =>
            Query(domain, dom => TestDomainConfig.GetVcpus(dom, impact, maximum));

        public Task SetVcpusAsync(DomainIdentity domain, int count, DomainImpact impact, CancellationToken cancellationToken) =>
            Change("virDomainSetVcpusFlags", domain, dom => TestDomainConfig.SetVcpus(dom, count, impact));

        public Task<ulong> GetMaxMemoryAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            Query(domain, dom => dom.Definition.MemoryKiB);

        public Task SetMemoryAsync(DomainIdentity domain, ulong kib, DomainImpact impact, bool maximum, CancellationToken cancellationToken) =>
            Change("virDomainSetMemoryFlags", domain, dom => TestDomainConfig.SetMemory(dom, kib, impact, maximum));

        public Task<string?> GetMetadataAsync(DomainIdentity domain, DomainMetadataKind kind, DomainImpact impact, CancellationToken cancellationToken) =>
            Query(domain, dom => TestDomainConfig.GetMetadata(dom, kind, impact));

        public Task SetMetadataAsync(DomainIdentity domain, DomainMetadataKind kind, string? value, DomainImpact impact, CancellationToken cancellationToken) =>
            Change("virDomainSetMetadata", domain, dom => TestDomainConfig.SetMetadata(dom, kind, value, impact));

        public Task RenameAsync(DomainIdentity domain, string newName, CancellationToken cancellationToken) =>
            Change("virDomainRename", domain, dom => TestDomainConfig.Rename(_host, dom, newName));

        private Task<T> Query<T>(DomainIdentity domain, System.Func<TestDomain, T> read) => AsTask(() =>
        {
            CheckOpen();
            lock (_host.Sync) return read(_host.Find(domain));
        });
    }
}
