using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Xunit;

namespace Libvirt.Tests.Unit.Remote.Integration
{
    [Trait("Category", LibvirtHosts.Trait)]
    [Collection(LibvirtHosts.Collection)]
    public sealed class RemoteDriverDomainTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [HostFact]
        public async Task Many_host_lists_every_domain_like_virsh()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.ManyUri);
            await driver.Host().GetHostAsync(None); // caches the hostname, so only listing calls are counted below
            var before = driver.RpcCallCount;
            var domains = await driver.Domains().ListAsync(None);
            var calls = driver.RpcCallCount - before;

            Assert.Equal(LibvirtHosts.ManyCount, domains.Count);
            var names = LibvirtHosts.Virsh(LibvirtHosts.ManyUri, "list --all --name").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var oracle = ParseDominfo(LibvirtHosts.Virsh(LibvirtHosts.ManyUri, string.Join("; ", names.Select(n => "dominfo " + n))));
            Assert.Equal(LibvirtHosts.ManyCount, oracle.Count);
            foreach (var d in domains)
            {
                var o = oracle[d.Name];
                Assert.Equal(o["UUID"], d.Uuid.ToString());
                Assert.Equal(o["Id"] == "-" ? null : int.Parse(o["Id"]), d.Id);
                Assert.Equal(o["State"], VirshState(d.State));
                Assert.Equal(int.Parse(o["CPU(s)"]), d.VCpus);
                Assert.Equal(Kib(o["Max memory"]) / 1024, d.MaxMemoryMB);
                Assert.Equal(Kib(o["Used memory"]) / 1024, d.MemoryMB);
                Assert.Equal(o["Persistent"] == "yes", d.Persistent);
                Assert.Equal(o["Autostart"] == "enable", d.Autostart);
            }
            // Three calls whatever the number of domains (GET_ALL_DOMAIN_STATS, whose records name every domain, and
            // LIST_ALL_DOMAINS persistent and autostart). libvirt's
            // test driver reports only the state group, so memory and vCPUs cost one pipelined GET_INFO per domain.
            Assert.Equal(3 + LibvirtHosts.ManyCount, calls);
        }

        // host1 runs libvirt 9.0 (Debian 12), host3 libvirt 11.3 (Debian 13).
        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Qemu_host_lists_domains_in_three_calls_whatever_their_number(int host)
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.QemuUri(host));
            var defined = new List<VMDomain>();
            try
            {
                for (var i = 0; i < 6; i++)
                    defined.Add(await driver.Domains().DefineAsync(TinyXml(UniqueName("list")), None));
                await driver.Host().GetHostAsync(None);
                var before = driver.RpcCallCount;
                var domains = await driver.Domains().ListAsync(None);
                Assert.Equal(3, driver.RpcCallCount - before);

                // Other suites may define guests on the same host meanwhile: compare only what this test owns.
                var oracle = LibvirtHosts.Virsh(LibvirtHosts.QemuUri(host), "list --all --name").Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.All(defined, d => Assert.Contains(d.Name, oracle));
                Assert.Equal(domains.Count, domains.Select(d => d.Uuid).Distinct().Count());
                foreach (var mine in defined)
                {
                    var d = domains.Single(x => x.Uuid == mine.Uuid);
                    Assert.Equal(DomainState.ShutOff, d.State);
                    Assert.Null(d.Id);
                    Assert.Equal(64, d.MaxMemoryMB);
                    Assert.Equal(64, d.MemoryMB);
                    Assert.Equal(1, d.VCpus);
                    Assert.True(d.Persistent);
                    Assert.False(d.Autostart);
                }
            }
            finally
            {
                foreach (var d in defined) await Try(() => driver.Domains().UndefineAsync(d.ToIdentity(), None));
            }
        }

        // host1 runs libvirt 9.0 (Debian 12), host3 libvirt 11.3 (Debian 13).
        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Set_autostart_is_what_virsh_dominfo_reports(int host)
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.QemuUri(host));
            var d = await driver.Domains().DefineAsync(TinyXml(UniqueName("autostart")), None);
            try
            {
                await driver.Domains().SetAutostartAsync(d.ToIdentity(), true, None);
                Assert.True((await driver.Domains().GetAsync(d.ToIdentity(), None)).Autostart);
                Assert.Equal("enable", ParseDominfo(LibvirtHosts.Virsh(LibvirtHosts.QemuUri(host), "dominfo " + d.Name))[d.Name]["Autostart"]);
                await driver.Domains().SetAutostartAsync(d.ToIdentity(), false, None);
                Assert.Equal("disable", ParseDominfo(LibvirtHosts.Virsh(LibvirtHosts.QemuUri(host), "dominfo " + d.Name))[d.Name]["Autostart"]);
            }
            finally
            {
                await driver.Domains().UndefineAsync(d.ToIdentity(), None);
            }
        }

        // host1 runs libvirt 9.0 (Debian 12), host3 libvirt 11.3 (Debian 13).
        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Test_driver_lifecycle_matches_virsh_after_each_step(int host)
        {
            var uri = LibvirtHosts.TestUri(host);
            using var driver = LibvirtHosts.Open(uri);
            var name = UniqueName("life");
            var xml = $"<domain type='test'><name>{name}</name><memory unit='MiB'>128</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";
            var d = await driver.Domains().DefineAsync(xml, None);
            try
            {
                await Step(driver, uri, d, DomainState.ShutOff, "shut off");
                Assert.True(d.Persistent);
                Assert.Equal(2, d.VCpus);
                Assert.Equal(128, d.MaxMemoryMB);

                await driver.Domains().StartAsync(d.ToIdentity(), None);
                var running = await Step(driver, uri, d, DomainState.Running, "running");
                Assert.NotNull(running.Id);
                Assert.Equal(LibvirtHosts.Virsh(uri, "domid " + name).Trim(), running.Id.ToString());

                await driver.Domains().SuspendAsync(running.ToIdentity(), None);
                await Step(driver, uri, d, DomainState.Paused, "paused");
                await driver.Domains().ResumeAsync(running.ToIdentity(), None);
                await Step(driver, uri, d, DomainState.Running, "running");
                await driver.Domains().RebootAsync(running.ToIdentity(), None);
                await Step(driver, uri, d, DomainState.Running, "running");
                await driver.Domains().ResetAsync(running.ToIdentity(), None);
                Assert.Equal(running.Id, (await Step(driver, uri, d, DomainState.Running, "running")).Id);
                await driver.Domains().ShutdownAsync(running.ToIdentity(), None);
                await Step(driver, uri, d, DomainState.ShutOff, "shut off");
                await driver.Domains().StartAsync(d.ToIdentity(), None);
                await Step(driver, uri, d, DomainState.Running, "running");
                await driver.Domains().DestroyAsync(d.ToIdentity(), None);
                var off = await Step(driver, uri, d, DomainState.ShutOff, "shut off");
                Assert.Null(off.Id);

                Assert.Contains($"<name>{name}</name>", await driver.Domains().GetXmlAsync(d.ToIdentity(), inactive: true, None));
            }
            finally
            {
                await driver.Domains().UndefineAsync(d.ToIdentity(), None);
            }
            Assert.Equal(ErrorCode.NoDomain, (await Assert.ThrowsAsync<LibvirtException>(() => driver.Domains().LookupByNameAsync(name, None))).Code);
            Assert.DoesNotContain(name, LibvirtHosts.Virsh(uri, "list --all --name"));
        }

        // host1 runs libvirt 9.0 (Debian 12), host3 libvirt 11.3 (Debian 13).
        [HostTheory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Qemu_lifecycle_of_the_tiny_guest_matches_virsh(int host)
        {
            var uri = LibvirtHosts.QemuUri(host);
            using var driver = LibvirtHosts.Open(uri);
            var name = UniqueName("tiny");
            var d = await driver.Domains().DefineAsync(TinyXml(name), None);
            try
            {
                await Step(driver, uri, d, DomainState.ShutOff, "shut off");
                await driver.Domains().StartAsync(d.ToIdentity(), None);
                var running = await Step(driver, uri, d, DomainState.Running, "running");
                Assert.Equal(LibvirtHosts.Virsh(uri, "domid " + name).Trim(), running.Id.ToString());
                Assert.Equal("Booted", running.StateReason);

                await driver.Domains().SuspendAsync(running.ToIdentity(), None);
                var paused = await Step(driver, uri, d, DomainState.Paused, "paused");
                Assert.Equal("User", paused.StateReason);
                await driver.Domains().ResumeAsync(running.ToIdentity(), None);
                await Step(driver, uri, d, DomainState.Running, "running");

                var job = await driver.Domains().GetJobInfoAsync(running.ToIdentity(), completed: false, None);
                Assert.Equal(DomainJobType.None, job.Type);
                Assert.Equal(name, job.Domain);

                // The firmware-only guest ignores the ACPI request; the call itself must succeed.
                await driver.Domains().ShutdownAsync(running.ToIdentity(), None);
                await driver.Domains().DestroyAsync(running.ToIdentity(), None);
                var off = await Step(driver, uri, d, DomainState.ShutOff, "shut off");
                Assert.Equal("Destroyed", off.StateReason);
            }
            finally
            {
                await Try(() => driver.Domains().DestroyAsync(d.ToIdentity(), None));
                await driver.Domains().UndefineAsync(d.ToIdentity(), None);
            }
            Assert.Equal(ErrorCode.NoDomain, (await Assert.ThrowsAsync<LibvirtException>(() => driver.Domains().LookupByUuidAsync(d.Uuid, None))).Code);
        }

        [HostFact]
        public async Task Lifecycle_events_arrive_from_the_daemon()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.Host1TestUri);
            var events = new BlockingCollection<Engine.Events.DomainEvent>();
            var name = UniqueName("event");
            using (await driver.SubscribeAsync(Engine.Events.DomainEventKind.Lifecycle, e => { if (e.DomainName == name) events.Add(e); }, None))
            {
                var d = await driver.Domains().DefineAsync($"<domain type='test'><name>{name}</name><memory>65536</memory><os><type>hvm</type></os></domain>", None);
                await driver.Domains().StartAsync(d.ToIdentity(), None);
                await driver.Domains().DestroyAsync(d.ToIdentity(), None);
                await driver.Domains().UndefineAsync(d.ToIdentity(), None);
                var seen = new List<(string?, string?)>();
                for (var i = 0; i < 4; i++)
                {
                    Assert.True(events.TryTake(out var e, TimeSpan.FromSeconds(5)), "missing lifecycle event #" + i);
                    seen.Add((e!.Type, e.Detail));
                }
                Assert.Equal(new (string?, string?)[] { ("Defined", "Added"), ("Started", "Booted"), ("Stopped", "Destroyed"), ("Undefined", "Removed") }, seen);
            }
        }

        internal static string UniqueName(string what) => $"remote-{what}-{Guid.NewGuid().ToString("N").Substring(0, 8)}";

        internal static string TinyXml(string name) =>
            LibvirtHosts.TinyXml.Replace("<name>tiny</name>", $"<name>{name}</name>");

        private static async Task<VMDomain> Step(RemoteDriver driver, string uri, VMDomain d, DomainState expected, string virshState)
        {
            Assert.Equal(virshState, LibvirtHosts.Virsh(uri, "domstate " + d.Name).Trim());
            var now = await driver.Domains().GetAsync(d.ToIdentity(), None);
            Assert.Equal(expected, now.State);
            Assert.Equal(now.State == DomainState.ShutOff, now.Id == null);
            return now;
        }

        private static string VirshState(DomainState s) => s switch
        {
            DomainState.Running => "running",
            DomainState.Paused => "paused",
            DomainState.ShutOff => "shut off",
            DomainState.ShuttingDown => "in shutdown",
            DomainState.Blocked => "idle",
            DomainState.Crashed => "crashed",
            DomainState.PMSuspended => "pmsuspended",
            DomainState.NoState => "no state",
            _ => s.ToString(),
        };

        private static long Kib(string s) => long.Parse(s.Split(' ')[0]);

        private static Dictionary<string, Dictionary<string, string>> ParseDominfo(string text)
        {
            var result = new Dictionary<string, Dictionary<string, string>>();
            Dictionary<string, string>? current = null;
            foreach (var line in text.Split('\n'))
            {
                var parts = line.Split(':', 2);
                if (parts.Length != 2) continue;
                var key = parts[0].Trim();
                if (key == "Id") current = new Dictionary<string, string>();
                current![key] = parts[1].Trim();
                if (key == "Name") result[current["Name"]] = current;
            }
            return result;
        }

        private static async Task Try(Func<Task> a)
        {
            try { await a(); } catch (LibvirtException) { }
        }
    }
}
