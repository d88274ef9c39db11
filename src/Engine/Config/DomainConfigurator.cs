using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;

namespace Libvirt.Engine.Config
{
    /// <summary>
    /// Applies <see cref="DomainSettings"/> to one domain: everything is checked first (against the definitions it
    /// would change, read from the host), so that a request libvirt would refuse half-way changes nothing; then
    /// the changes go in an order where each one is valid: maximum memory before memory, the name last.
    /// </summary>
    public static class DomainConfigurator
    {
        public static async Task ApplyAsync(IHypervisorDriver driver, VMDomain domain, DomainSettings settings, CancellationToken cancellationToken)
        {
            var config = driver.DomainConfig();
            var id = domain.ToIdentity();
            await ValidateAsync(driver, domain, settings, cancellationToken).ConfigureAwait(false);
            var impact = settings.Impact;
            if (settings.MaxMemoryMB.HasValue)
                await config.SetMemoryAsync(id, ToKiB(settings.MaxMemoryMB.Value), impact, maximum: true, cancellationToken).ConfigureAwait(false);
            if (settings.MemoryMB.HasValue)
                await config.SetMemoryAsync(id, ToKiB(settings.MemoryMB.Value), impact, maximum: false, cancellationToken).ConfigureAwait(false);
            if (settings.VCpus.HasValue)
                await config.SetVcpusAsync(id, settings.VCpus.Value, impact, cancellationToken).ConfigureAwait(false);
            if (settings.Title != null)
                await config.SetMetadataAsync(id, DomainMetadataKind.Title, settings.Title, impact, cancellationToken).ConfigureAwait(false);
            if (settings.Description != null)
                await config.SetMetadataAsync(id, DomainMetadataKind.Description, settings.Description, impact, cancellationToken).ConfigureAwait(false);
            if (settings.Autostart.HasValue)
                await driver.Domains().SetAutostartAsync(id, settings.Autostart.Value, cancellationToken).ConfigureAwait(false);
            if (settings.NewName != null)
                await config.RenameAsync(id, settings.NewName, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The checks libvirt makes, made before the first change, with libvirt's codes and texts. What only the
        /// daemon knows (its own limits) it still checks itself; this catches what would leave a domain half-changed.
        /// </summary>
        public static async Task ValidateAsync(IHypervisorDriver driver, VMDomain domain, DomainSettings settings, CancellationToken cancellationToken)
        {
            var name = domain.Name;
            var touchesDefinition = settings.VCpus.HasValue || settings.MemoryMB.HasValue || settings.MaxMemoryMB.HasValue
                || settings.Title != null || settings.Description != null;
            var sides = Sides(settings.Impact, domain.IsActive);
            if (touchesDefinition)
            {
                if ((sides & DomainImpact.Live) != 0 && !domain.IsActive)
                    throw LibvirtException.OperationInvalid("domain is not running", ErrorDomain.Domain, name);
                if ((sides & DomainImpact.Config) != 0 && !domain.Persistent)
                    throw LibvirtException.OperationInvalid("transient domains do not have any persistent config", ErrorDomain.Domain, name);
            }
            if (settings.MaxMemoryMB.HasValue && (sides & DomainImpact.Live) != 0)
                throw LibvirtException.OperationInvalid("cannot resize the maximum memory on an active domain", ErrorDomain.Domain, name);
            if (settings.Title != null && settings.Title.IndexOf('\n') >= 0)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.Domain, "metadata title can't contain newlines") { Target = name };
            if (settings.NewName != null)
                await ValidateRenameAsync(driver, domain, settings.NewName, cancellationToken).ConfigureAwait(false);

            if (!settings.VCpus.HasValue && !settings.MemoryMB.HasValue) return;
            var config = driver.DomainConfig();
            foreach (var side in new[] { DomainImpact.Live, DomainImpact.Config }.Where(s => (sides & s) != 0))
            {
                if (settings.VCpus.HasValue)
                {
                    var max = await config.GetVcpusAsync(domain.ToIdentity(), side, maximum: true, cancellationToken).ConfigureAwait(false);
                    if (settings.VCpus.Value > max)
                        throw LibvirtException.InvalidArg($"requested cpu amount exceeds maximum ({settings.VCpus.Value} > {max})", ErrorDomain.Domain, name);
                }
                if (settings.MemoryMB.HasValue)
                {
                    var maxKiB = settings.MaxMemoryMB.HasValue && side == DomainImpact.Config
                        ? ToKiB(settings.MaxMemoryMB.Value)
                        : await MaxMemoryKiBAsync(driver, domain, side, cancellationToken).ConfigureAwait(false);
                    if (ToKiB(settings.MemoryMB.Value) > maxKiB)
                        throw LibvirtException.InvalidArg(
                            $"cannot set memory higher than max memory ({settings.MemoryMB.Value} MB > {maxKiB / 1024} MB)", ErrorDomain.Domain, name);
                }
            }
        }

        private static async Task ValidateRenameAsync(IHypervisorDriver driver, VMDomain domain, string newName, CancellationToken cancellationToken)
        {
            if (domain.IsActive) throw LibvirtException.OperationInvalid("cannot rename active domain", ErrorDomain.Domain, domain.Name);
            if (newName == domain.Name) throw LibvirtException.OperationInvalid("Can't rename domain to itself", ErrorDomain.Domain, domain.Name);
            try
            {
                await driver.Domains().LookupByNameAsync(newName, cancellationToken).ConfigureAwait(false);
            }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoDomain) { return; }
            throw LibvirtException.OperationInvalid($"domain with name '{newName}' already exists", ErrorDomain.Domain, domain.Name);
        }

        /// <summary>The live maximum is GET_MAX_MEMORY of a running domain; the persistent one is in the inactive XML.</summary>
        private static async Task<ulong> MaxMemoryKiBAsync(IHypervisorDriver driver, VMDomain domain, DomainImpact side, CancellationToken cancellationToken)
        {
            if (side == DomainImpact.Live || !domain.IsActive)
                return await driver.DomainConfig().GetMaxMemoryAsync(domain.ToIdentity(), cancellationToken).ConfigureAwait(false);
            var xml = await driver.Domains().GetXmlAsync(domain.ToIdentity(), inactive: true, cancellationToken).ConfigureAwait(false);
            return DomainDefinition.Parse(xml).MemoryKiB;
        }

        /// <summary>The definitions a change goes to: libvirt's "current" is the live one of a running domain.</summary>
        public static DomainImpact Sides(DomainImpact impact, bool active) =>
            impact == DomainImpact.Current ? (active ? DomainImpact.Live : DomainImpact.Config) : impact;

        private static ulong ToKiB(long mb) => checked((ulong)mb * 1024);
    }
}
