using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>One object a selection found on a host, or a name that matched nothing (the error to report, in its place).</summary>
    internal sealed class Selected<TObject>
    {
        public Selected(HostTarget host, TObject item) { Host = host; Item = item; }
        public Selected(LibvirtException notFound) { NotFound = notFound; }

        public HostTarget? Host { get; }
        public TObject? Item { get; }
        public LibvirtException? NotFound { get; }
    }

    /// <summary>What one host had of a selection, and the plain names it did not have.</summary>
    internal sealed class HostSelection<TObject>
    {
        public HostSelection(IReadOnlyList<TObject> found, IReadOnlyList<string> missing) { Found = found; Missing = missing; }

        public IReadOnlyList<TObject> Found { get; }
        public IReadOnlyList<string> Missing { get; }
    }

    /// <summary>
    /// Finds objects of one kind by name on a set of hosts with PowerShell's rules: wildcards filter the host's
    /// list and may match nothing silently; a plain name is looked up directly and is an error when no host has
    /// it. Hosts are asked at the same time; the result keeps the order of names, then of hosts.
    /// </summary>
    internal static class ObjectSelector
    {
        public static async Task<IReadOnlyList<Selected<TObject>>> ByNameAsync<TObject, TIdentity>(ObjectKind<TObject, TIdentity> kind,
            IReadOnlyList<HostTarget> hosts, string[]? names, CancellationToken cancellationToken) where TObject : class, ILibvirtObject
        {
            var lists = new Dictionary<HostTarget, Task<IReadOnlyList<TObject>>>();
            Task<IReadOnlyList<TObject>> List(HostTarget host) =>
                lists.TryGetValue(host, out var list) ? list : lists[host] = kind.DriverOf(host.Connection.Driver).ListAsync(cancellationToken);

            var result = new List<Selected<TObject>>();
            if (names == null || names.Length == 0) names = new[] { "*" };
            // Every plain name's lookups are sent at once (the connection pipelines them); the result keeps the order.
            var lookups = names.Select(n => WildcardPattern.ContainsWildcardCharacters(n) ? null
                : hosts.Select(h => TryLookup(kind, h, n, cancellationToken)).ToArray()).ToArray();
            for (var k = 0; k < names.Length; k++)
            {
                var name = names[k];
                if (lookups[k] == null)
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    var all = await Task.WhenAll(hosts.Select(List)).ConfigureAwait(false);
                    for (var i = 0; i < hosts.Count; i++)
                        result.AddRange(all[i].Where(o => pattern.IsMatch(o.Name)).Select(o => new Selected<TObject>(hosts[i], o)));
                    continue;
                }
                TObject?[] found;
                try { found = await Task.WhenAll(lookups[k]!).ConfigureAwait(false); }
                catch (Exception) { Observe(lookups); throw; }
                var before = result.Count;
                for (var i = 0; i < hosts.Count; i++)
                    if (found[i] != null) result.Add(new Selected<TObject>(hosts[i], found[i]!));
                if (result.Count == before) result.Add(new Selected<TObject>(NotFound(kind, $"named '{name}'", name, hosts)));
            }
            return result;
        }

        /// <summary>
        /// The same selection on one host of several worked on at once: what it has, in the order of names, and
        /// the plain names it does not have (an error only when no host has them, which the caller decides).
        /// </summary>
        public static async Task<HostSelection<TObject>> OnHostAsync<TObject, TIdentity>(ObjectKind<TObject, TIdentity> kind,
            HostTarget host, string[]? names, CancellationToken cancellationToken) where TObject : class, ILibvirtObject
        {
            var found = new List<TObject>();
            var missing = new List<string>();
            Task<IReadOnlyList<TObject>>? list = null;
            if (names == null || names.Length == 0) names = new[] { "*" };
            var lookups = names.Select(n => WildcardPattern.ContainsWildcardCharacters(n) ? null : TryLookup(kind, host, n, cancellationToken)).ToArray();
            for (var k = 0; k < names.Length; k++)
            {
                var name = names[k];
                if (lookups[k] == null)
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    list ??= kind.DriverOf(host.Connection.Driver).ListAsync(cancellationToken);
                    found.AddRange((await list.ConfigureAwait(false)).Where(o => pattern.IsMatch(o.Name)));
                    continue;
                }
                TObject? one;
                try { one = await lookups[k]!.ConfigureAwait(false); }
                catch (Exception) { Observe(new[] { lookups.Where(t => t != null).ToArray()! }); throw; }
                if (one != null) found.Add(one);
                else missing.Add(name);
            }
            return new HostSelection<TObject>(found, missing);
        }

        /// <summary>"No domain {description} was found on {uris}.", about <paramref name="target"/>.</summary>
        public static LibvirtException NotFound<TObject, TIdentity>(ObjectKind<TObject, TIdentity> kind, string description, string target,
            IReadOnlyList<HostTarget> hosts) where TObject : ILibvirtObject =>
            kind.NotFound(description, target, hosts.Select(h => h.Connection.Uri));

        /// <summary>Lookups left behind by a failure are observed, so their own failures are not unobserved.</summary>
        private static void Observe<T>(IEnumerable<Task<T>?[]?> groups)
        {
            foreach (var group in groups)
                if (group != null)
                    foreach (var t in group)
                        _ = t?.ContinueWith(x => _ = x.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }

        private static async Task<TObject?> TryLookup<TObject, TIdentity>(ObjectKind<TObject, TIdentity> kind, HostTarget host, string name,
            CancellationToken cancellationToken) where TObject : class, ILibvirtObject
        {
            try { return await kind.DriverOf(host.Connection.Driver).LookupByNameAsync(name, cancellationToken).ConfigureAwait(false); }
            catch (LibvirtException ex) when (kind.IsNotFound(ex)) { return null; }
        }
    }
}
