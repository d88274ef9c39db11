using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Drivers.Remote.Protocol.Procedures;
using Libvirt.Drivers.Remote.Rpc;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;

namespace Libvirt.Drivers.Remote
{
    public sealed partial class RemoteDriver
    {
        /// <summary>Groups asked from CONNECT_GET_ALL_DOMAIN_STATS: state, CPU time, memory, vCPUs.</summary>
        private const uint ListStatsGroups = WireFlags.StatsState | WireFlags.StatsCpuTotal | WireFlags.StatsBalloon | WireFlags.StatsVcpu;

        /// <summary>Calls kept in flight at once when a fallback needs one call per domain.</summary>
        private const int PerDomainWindow = 64;

        /// <summary>
        /// Every domain in a constant number of calls, all sent at once: one GET_ALL_DOMAIN_STATS (whose records
        /// name every domain, active or not, with its id) and LIST_ALL_DOMAINS twice (persistent, autostart: the
        /// filters give the flags without per-domain calls). Only when the daemon has no stats is the unfiltered
        /// list asked for (one more round trip). Daemons older than those procedures, and drivers whose stats
        /// lack memory and vCPU figures (libvirt's test driver), fall back to per-domain calls, kept in flight together.
        /// </summary>
        public async Task<IReadOnlyList<VMDomain>> ListAsync(CancellationToken cancellationToken)
        {
            var host = await HostnameAsync(cancellationToken).ConfigureAwait(false);
            var stats = CallAsync(DomainProcedures.ConnectGetAllDomainStats, new AllDomainStatsArgs(Array.Empty<DomainIdentity>(), ListStatsGroups, 0u), cancellationToken);
            var persistent = CallAsync(DomainProcedures.ConnectListAllDomains, WireFlags.ListPersistent, cancellationToken);
            var autostart = CallAsync(DomainProcedures.ConnectListAllDomains, WireFlags.ListAutostart, cancellationToken);

            IReadOnlyList<DomainStatsRecord>? records = null;
            try { records = await stats.ConfigureAwait(false); }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport) { }
            catch (Exception) { Observe(persistent, autostart); throw; }

            DomainIdentity[] identities;
            if (records != null) identities = records.Select(r => r.Domain).ToArray();
            else
            {
                try { identities = (await CallAsync(DomainProcedures.ConnectListAllDomains, 0u, cancellationToken).ConfigureAwait(false)).Domains; }
                catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport)
                {
                    Observe(persistent, autostart);
                    return await ListDomainsLegacy(host, cancellationToken).ConfigureAwait(false);
                }
            }

            HashSet<Guid> persistentSet, autostartSet;
            try
            {
                persistentSet = new HashSet<Guid>((await persistent.ConfigureAwait(false)).Domains.Select(d => d.Uuid));
                autostartSet = new HashSet<Guid>((await autostart.ConfigureAwait(false)).Domains.Select(d => d.Uuid));
            }
            catch (Exception) { Observe(persistent, autostart); throw; }

            var result = new List<VMDomain>(identities.Length);
            var needInfo = new List<VMDomain>();
            var needState = new List<VMDomain>();
            for (var i = 0; i < identities.Length; i++)
            {
                var identity = identities[i];
                var d = DomainSnapshot.FromIdentity(identity, host, Uri.OriginalString);
                d.Persistent = persistentSet.Contains(identity.Uuid);
                d.Autostart = autostartSet.Contains(identity.Uuid);
                if (records != null)
                {
                    var record = records[i];
                    DomainSnapshot.ApplyStats(d, record.Stats);
                    if (!DomainSnapshot.HasResourceStats(record.Stats)) needInfo.Add(d);
                }
                else
                {
                    needInfo.Add(d);
                    needState.Add(d);
                }
                result.Add(d);
            }
            await FillPerDomain(result, needInfo, needState, cancellationToken).ConfigureAwait(false);
            return result;
        }

        public async Task<VMDomain> LookupByNameAsync(string name, CancellationToken cancellationToken) =>
            await GetAsync(await CallAsync(DomainProcedures.DomainLookupByName, name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task<VMDomain> LookupByIdAsync(int id, CancellationToken cancellationToken) =>
            await GetAsync(await CallAsync(DomainProcedures.DomainLookupById, id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task<VMDomain> LookupByUuidAsync(Guid uuid, CancellationToken cancellationToken) =>
            await GetAsync(await CallAsync(DomainProcedures.DomainLookupByUuid, uuid, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// One domain's info: LOOKUP_BY_UUID (current id and name), GET_INFO, GET_STATE, IS_PERSISTENT and
        /// GET_AUTOSTART, sent together and awaited once.
        /// </summary>
        public async Task<VMDomain> GetAsync(DomainIdentity domain, CancellationToken cancellationToken)
        {
            var host = await HostnameAsync(cancellationToken).ConfigureAwait(false);
            var identity = CallAsync(DomainProcedures.DomainLookupByUuid, domain.Uuid, cancellationToken);
            var info = CallAsync(DomainProcedures.DomainGetInfo, domain, cancellationToken);
            var state = CallAsync(DomainProcedures.DomainGetState, domain, cancellationToken);
            var persistent = CallAsync(DomainProcedures.DomainIsPersistent, domain, cancellationToken);
            var autostart = CallAsync(DomainProcedures.DomainGetAutostart, domain, cancellationToken);
            var all = new Task[] { identity, info, state, persistent, autostart };
            try { await Task.WhenAll(all).ConfigureAwait(false); }
            catch (Exception) { Observe(all); throw; }
            var d = DomainSnapshot.FromIdentity(identity.Result, host, Uri.OriginalString);
            DomainSnapshot.ApplyInfo(d, info.Result);
            DomainSnapshot.ApplyState(d, state.Result);
            d.Persistent = persistent.Result;
            d.Autostart = autostart.Result;
            return d;
        }

        public async Task<VMDomain> DefineAsync(string xml, CancellationToken cancellationToken)
        {
            DomainIdentity identity;
            try { identity = await CallAsync(DomainProcedures.DomainDefineXmlFlags, new XmlAndFlags(xml, 0u), cancellationToken).ConfigureAwait(false); }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport) { identity = await CallAsync(DomainProcedures.DomainDefineXml, xml, cancellationToken).ConfigureAwait(false); }
            return await GetAsync(identity, cancellationToken).ConfigureAwait(false);
        }

        public async Task<VMDomain> CreateAsync(string xml, CancellationToken cancellationToken) =>
            await GetAsync(await CallAsync(DomainProcedures.DomainCreateXml, new XmlAndFlags(xml, 0u), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        public async Task StartAsync(DomainIdentity domain, CancellationToken cancellationToken)
        {
            try { await CallAsync(DomainProcedures.DomainCreateWithFlags, new DomainAndFlags(domain, 0u), cancellationToken).ConfigureAwait(false); }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport) { await CallAsync(DomainProcedures.DomainCreate, domain, cancellationToken).ConfigureAwait(false); }
        }

        public Task ShutdownAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainShutdown, domain, cancellationToken);

        public Task DestroyAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainDestroy, domain, cancellationToken);

        public Task RebootAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainReboot, new DomainAndFlags(domain, 0u), cancellationToken);

        public Task ResetAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainReset, new DomainAndFlags(domain, 0u), cancellationToken);

        public Task SuspendAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainSuspend, domain, cancellationToken);

        public Task ResumeAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainResume, domain, cancellationToken);

        public Task SetAutostartAsync(DomainIdentity domain, bool autostart, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainSetAutostart, new DomainSwitch(domain, autostart), cancellationToken);

        public async Task UndefineAsync(DomainIdentity domain, CancellationToken cancellationToken)
        {
            try { await CallAsync(DomainProcedures.DomainUndefineFlags, new DomainAndFlags(domain, 0u), cancellationToken).ConfigureAwait(false); }
            catch (LibvirtException e) when (e.Code == ErrorCode.NoSupport) { await CallAsync(DomainProcedures.DomainUndefine, domain, cancellationToken).ConfigureAwait(false); }
        }

        public Task<string> GetXmlAsync(DomainIdentity domain, bool inactive, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainGetXmlDesc, new DomainAndFlags(domain, inactive ? WireFlags.XmlInactive : 0u), cancellationToken);

        public async Task<DomainJobInfo> GetJobInfoAsync(DomainIdentity domain, bool completed, CancellationToken cancellationToken)
        {
            var job = await CallAsync(DomainProcedures.DomainGetJobStats, new DomainAndFlags(domain, completed ? WireFlags.JobStatsCompleted | WireFlags.JobStatsKeepCompleted : 0u), cancellationToken).ConfigureAwait(false);
            var info = DomainJobInfo.FromStatistics((DomainJobType)job.Type, job.Stats);
            info.Domain = domain.Name;
            info.Host = await HostnameAsync(cancellationToken).ConfigureAwait(false);
            return info;
        }

        public Task AbortJobAsync(DomainIdentity domain, CancellationToken cancellationToken) =>
            CallAsync(DomainProcedures.DomainAbortJob, domain, cancellationToken);

        /// <summary>
        /// Fills memory/vCPUs (GET_INFO) and state reasons (GET_STATE) one domain at a time, many calls in
        /// flight. A domain undefined since the listing answers NO_DOMAIN: it is dropped, not an error.
        /// </summary>
        private async Task FillPerDomain(List<VMDomain> result, List<VMDomain> needInfo, List<VMDomain> needState, CancellationToken cancellationToken)
        {
            if (needInfo.Count == 0 && needState.Count == 0) return;
            var gone = new ConcurrentDictionary<Guid, bool>();
            async Task Fill<T>(VMDomain d, Procedure<DomainIdentity, T> procedure, Action<VMDomain, T> apply)
            {
                try { apply(d, await CallAsync(procedure, d.ToIdentity(), cancellationToken).ConfigureAwait(false)); }
                catch (LibvirtException e) when (e.Code == ErrorCode.NoDomain) { gone[d.Uuid] = true; }
            }
            var work = needInfo.Select(d => (Func<Task>)(() => Fill(d, DomainProcedures.DomainGetInfo, DomainSnapshot.ApplyInfo)))
                .Concat(needState.Select(d => (Func<Task>)(() => Fill(d, DomainProcedures.DomainGetState, DomainSnapshot.ApplyState))));
            await RunWindowed(work, PerDomainWindow).ConfigureAwait(false);
            if (!gone.IsEmpty) result.RemoveAll(d => gone.ContainsKey(d.Uuid));
        }

        /// <summary>The pre-0.9.13 way to list: active ids and inactive names, then one lookup per domain.</summary>
        private async Task<IReadOnlyList<VMDomain>> ListDomainsLegacy(string host, CancellationToken cancellationToken)
        {
            var activeCount = await CallAsync(DomainProcedures.ConnectNumOfDomains, None.Value, cancellationToken).ConfigureAwait(false);
            var ids = await CallAsync(DomainProcedures.ConnectListDomains, activeCount, cancellationToken).ConfigureAwait(false);
            var definedCount = await CallAsync(DomainProcedures.ConnectNumOfDefinedDomains, None.Value, cancellationToken).ConfigureAwait(false);
            var names = await CallAsync(DomainProcedures.ConnectListDefinedDomains, definedCount, cancellationToken).ConfigureAwait(false);
            var identities = new DomainIdentity[ids.Length + names.Length];
            var lookups = ids.Select((id, i) => (Func<Task>)(async () =>
                    identities[i] = await CallAsync(DomainProcedures.DomainLookupById, id, cancellationToken).ConfigureAwait(false)))
                .Concat(names.Select((name, i) => (Func<Task>)(async () =>
                    identities[ids.Length + i] = await CallAsync(DomainProcedures.DomainLookupByName, name, cancellationToken).ConfigureAwait(false))));
            await RunWindowed(lookups, PerDomainWindow).ConfigureAwait(false);
            var result = new VMDomain[identities.Length];
            var details = identities.Select((identity, i) => (Func<Task>)(async () =>
                    result[i] = await GetAsync(identity, cancellationToken).ConfigureAwait(false)));
            await RunWindowed(details, PerDomainWindow / 4).ConfigureAwait(false);
            return result;
        }

        private static async Task RunWindowed(IEnumerable<Func<Task>> work, int window)
        {
            using var gate = new SemaphoreSlim(window);
            var tasks = new List<Task>();
            foreach (var item in work)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                tasks.Add(Release(item, gate));
            }
            await Task.WhenAll(tasks).ConfigureAwait(false);

            static async Task Release(Func<Task> item, SemaphoreSlim gate)
            {
                try { await item().ConfigureAwait(false); }
                finally { gate.Release(); }
            }
        }

        /// <summary>Marks faulted tasks as observed so an abandoned call does not surface as an unobserved exception.</summary>
        private static void Observe(params Task[] tasks)
        {
            foreach (var t in tasks) _ = t.ContinueWith(x => _ = x.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }

    }
}
