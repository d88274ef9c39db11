using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Model;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// Which definition a change affects: libvirt's virDomainModificationImpact. Current (0) is the running
    /// domain when it runs and its persistent definition otherwise, as virsh without --live/--config.
    /// </summary>
    [Flags]
    public enum DomainImpact
    {
        Current = 0,
        Live = 1,
        Config = 2,
    }

    /// <summary>virDomainMetadataType values the module sets and reads.</summary>
    public enum DomainMetadataKind
    {
        Description = 0,
        Title = 1,
    }

    /// <summary>
    /// A domain's settings: vCPUs, memory, title/description and name (virDomainSetVcpusFlags,
    /// SetMemoryFlags, SetMetadata, Rename) and what reads them back. Memory is in KiB as libvirt counts it.
    /// </summary>
    public interface IDomainConfigDriver
    {
        /// <summary>The vCPU count (virDomainGetVcpusFlags); with <paramref name="maximum"/>, the most the definition allows.</summary>
        Task<int> GetVcpusAsync(DomainIdentity domain, DomainImpact impact, bool maximum, CancellationToken cancellationToken);

        Task SetVcpusAsync(DomainIdentity domain, int count, DomainImpact impact, CancellationToken cancellationToken);

        /// <summary>The maximum memory in KiB (virDomainGetMaxMemory).</summary>
        Task<ulong> GetMaxMemoryAsync(DomainIdentity domain, CancellationToken cancellationToken);

        /// <summary>The current memory, or with <paramref name="maximum"/> the maximum memory (VIR_DOMAIN_MEM_MAXIMUM), in KiB.</summary>
        Task SetMemoryAsync(DomainIdentity domain, ulong kib, DomainImpact impact, bool maximum, CancellationToken cancellationToken);

        /// <summary>The title or description, or null when the domain has none (libvirt's NO_DOMAIN_METADATA).</summary>
        Task<string?> GetMetadataAsync(DomainIdentity domain, DomainMetadataKind kind, DomainImpact impact, CancellationToken cancellationToken);

        /// <summary>Sets the title or description; null or "" removes it.</summary>
        Task SetMetadataAsync(DomainIdentity domain, DomainMetadataKind kind, string? value, DomainImpact impact, CancellationToken cancellationToken);

        /// <summary>Renames an inactive domain (virDomainRename).</summary>
        Task RenameAsync(DomainIdentity domain, string newName, CancellationToken cancellationToken);
    }
}
