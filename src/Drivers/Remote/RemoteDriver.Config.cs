using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote
{
    public sealed partial class RemoteDriver : IDomainConfigDriver
    {
        /// <summary>VIR_DOMAIN_VCPU_MAXIMUM and VIR_DOMAIN_MEM_MAXIMUM share the value 4.</summary>
        private const uint MaximumFlag = 4;

        public Task<int> GetVcpusAsync(DomainIdentity domain, DomainImpact impact, bool maximum, CancellationToken cancellationToken) =>
            CallAsync(DomainConfigProcedures.DomainGetVcpusFlags, new DomainAndFlags(domain, (uint)impact | (maximum ? MaximumFlag : 0)), cancellationToken);

        public Task SetVcpusAsync(DomainIdentity domain, int count, DomainImpact impact, CancellationToken cancellationToken) =>
            CallAsync(DomainConfigProcedures.DomainSetVcpusFlags, new DomainCount(domain, (uint)count, (uint)impact), cancellationToken);

        public Task<ulong> GetMaxMemoryAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainConfigProcedures.DomainGetMaxMemory, domain, cancellationToken);

        public Task SetMemoryAsync(DomainIdentity domain, ulong kib, DomainImpact impact, bool maximum, CancellationToken cancellationToken) =>
            CallAsync(DomainConfigProcedures.DomainSetMemoryFlags, new DomainMemory(domain, kib, (uint)impact | (maximum ? MaximumFlag : 0)), cancellationToken);

        public async Task<string?> GetMetadataAsync(DomainIdentity domain, DomainMetadataKind kind, DomainImpact impact, CancellationToken cancellationToken)
        {
            try { return await CallAsync(DomainConfigProcedures.DomainGetMetadata, new GetMetadataArgs(domain, (int)kind, (uint)impact), cancellationToken).ConfigureAwait(false); }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoDomainMetadata) { return null; }
        }

        public Task SetMetadataAsync(DomainIdentity domain, DomainMetadataKind kind, string? value, DomainImpact impact, CancellationToken cancellationToken) =>
            CallAsync(DomainConfigProcedures.DomainSetMetadata, new SetMetadataArgs(domain, (int)kind, string.IsNullOrEmpty(value) ? null : value, (uint)impact), cancellationToken);

        public Task RenameAsync(DomainIdentity domain, string newName, CancellationToken cancellationToken) =>
            CallAsync(DomainConfigProcedures.DomainRename, new RenameArgs(domain, newName), cancellationToken);
    }
}
