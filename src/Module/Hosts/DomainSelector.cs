using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>
    /// Finds domains by name on a set of hosts with PowerShell's rules: wildcards filter the host's list and
    /// may match nothing silently; a plain name is looked up directly and is an error when no host has it.
    /// </summary>
    internal static class DomainSelector
    {
        public static IEnumerable<(HostTarget Host, VMDomain Domain)> ByName(
            IReadOnlyList<HostTarget> hosts, string[]? names, Action<Exception, object> notFound, CancellationToken cancellationToken)
        {
            if (names == null || names.Length == 0)
            {
                foreach (var host in hosts)
                    foreach (var d in host.Connection.Driver.ListDomains(cancellationToken))
                        yield return (host, d);
                yield break;
            }
            var listCache = new Dictionary<HostTarget, IReadOnlyList<VMDomain>>();
            foreach (var name in names)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    foreach (var host in hosts)
                    {
                        if (!listCache.TryGetValue(host, out var all))
                            listCache[host] = all = host.Connection.Driver.ListDomains(cancellationToken);
                        foreach (var d in all.Where(d => pattern.IsMatch(d.Name)))
                            yield return (host, d);
                    }
                    continue;
                }
                var found = false;
                foreach (var host in hosts)
                {
                    VMDomain? domain = null;
                    try { domain = host.Connection.Driver.LookupByName(name, cancellationToken); }
                    catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain) { }
                    if (domain == null) continue;
                    found = true;
                    yield return (host, domain);
                }
                if (!found)
                    notFound(NotFound(name, hosts), name);
            }
        }

        public static LibvirtException NotFound(string name, IReadOnlyList<HostTarget> hosts) => NotFound($"named '{name}'", name, hosts);

        /// <summary>"No domain {description} was found on {uris}.", a NoDomain error about <paramref name="target"/>.</summary>
        public static LibvirtException NotFound(string description, string target, IReadOnlyList<HostTarget> hosts) =>
            new LibvirtException(ErrorCode.NoDomain, ErrorDomain.Domain,
                $"No domain {description} was found on {string.Join(", ", hosts.Select(h => h.Connection.Uri))}.") { Target = target };
    }
}
