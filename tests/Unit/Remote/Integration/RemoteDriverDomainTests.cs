using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Libvirt.Drivers.Remote;
using Libvirt.Drivers.Remote.Protocol;
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
        public void Many_host_lists_every_domain_like_virsh()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.ManyUri);
            driver.GetHost(None); // caches the hostname, so only listing calls are counted below
            var before = driver.RpcCallCount;
            var domains = driver.ListDomains(None);
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
            // Four calls whatever the number of domains (3 × LIST_ALL_DOMAINS + GET_ALL_DOMAIN_STATS). libvirt's
            // test driver reports only the state group, so memory and vCPUs cost one pipelined GET_INFO per domain.
            Assert.Equal(4 + LibvirtHosts.ManyCount, calls);
        }

        [HostFact]
        public void Qemu_host_lists_domains_in_four_calls_whatever_their_number()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.Host1Uri);
            var defined = new List<VMDomain>();
            try
            {
                for (var i = 0; i < 6; i++)
                    defined.Add(driver.DefineDomain(TinyXml(UniqueName("list")), None));
                driver.GetHost(None);
                var before = driver.RpcCallCount;
                var domains = driver.ListDomains(None);
                Assert.Equal(4, driver.RpcCallCount - before);

                // Other suites may define guests on the same host meanwhile: compare only what this test owns.
                var oracle = LibvirtHosts.Virsh(LibvirtHosts.Host1Uri, "list --all --name").Split('\n', StringSplitOptions.RemoveEmptyEntries);
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
                foreach (var d in defined) Try(() => driver.UndefineDomain(d.ToIdentity(), None));
            }
        }

        [HostFact]
        public void Test_driver_lifecycle_matches_virsh_after_each_step()
        {
            var uri = LibvirtHosts.Host1TestUri;
            using var driver = LibvirtHosts.Open(uri);
            var name = UniqueName("life");
            var xml = $"<domain type='test'><name>{name}</name><memory unit='MiB'>128</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";
            var d = driver.DefineDomain(xml, None);
            try
            {
                Step(driver, uri, d, DomainState.ShutOff, "shut off");
                Assert.True(d.Persistent);
                Assert.Equal(2, d.VCpus);
                Assert.Equal(128, d.MaxMemoryMB);

                driver.StartDomain(d.ToIdentity(), None);
                var running = Step(driver, uri, d, DomainState.Running, "running");
                Assert.NotNull(running.Id);
                Assert.Equal(LibvirtHosts.Virsh(uri, "domid " + name).Trim(), running.Id.ToString());

                driver.SuspendDomain(running.ToIdentity(), None);
                Step(driver, uri, d, DomainState.Paused, "paused");
                driver.ResumeDomain(running.ToIdentity(), None);
                Step(driver, uri, d, DomainState.Running, "running");
                driver.RebootDomain(running.ToIdentity(), None);
                Step(driver, uri, d, DomainState.Running, "running");
                driver.ResetDomain(running.ToIdentity(), None);
                Assert.Equal(running.Id, Step(driver, uri, d, DomainState.Running, "running").Id);
                driver.ShutdownDomain(running.ToIdentity(), None);
                Step(driver, uri, d, DomainState.ShutOff, "shut off");
                driver.StartDomain(d.ToIdentity(), None);
                Step(driver, uri, d, DomainState.Running, "running");
                driver.DestroyDomain(d.ToIdentity(), None);
                var off = Step(driver, uri, d, DomainState.ShutOff, "shut off");
                Assert.Null(off.Id);

                Assert.Contains($"<name>{name}</name>", driver.GetDomainXml(d.ToIdentity(), inactive: true, None));
            }
            finally
            {
                driver.UndefineDomain(d.ToIdentity(), None);
            }
            Assert.Equal(ErrorCode.NoDomain, Assert.Throws<LibvirtException>(() => driver.LookupByName(name, None)).Code);
            Assert.DoesNotContain(name, LibvirtHosts.Virsh(uri, "list --all --name"));
        }

        [HostFact]
        public void Qemu_lifecycle_of_the_tiny_guest_matches_virsh()
        {
            var uri = LibvirtHosts.Host1Uri;
            using var driver = LibvirtHosts.Open(uri);
            var name = UniqueName("tiny");
            var d = driver.DefineDomain(TinyXml(name), None);
            try
            {
                Step(driver, uri, d, DomainState.ShutOff, "shut off");
                driver.StartDomain(d.ToIdentity(), None);
                var running = Step(driver, uri, d, DomainState.Running, "running");
                Assert.Equal(LibvirtHosts.Virsh(uri, "domid " + name).Trim(), running.Id.ToString());
                Assert.Equal("Booted", running.StateReason);

                driver.SuspendDomain(running.ToIdentity(), None);
                var paused = Step(driver, uri, d, DomainState.Paused, "paused");
                Assert.Equal("User", paused.StateReason);
                driver.ResumeDomain(running.ToIdentity(), None);
                Step(driver, uri, d, DomainState.Running, "running");

                var job = driver.GetJobInfo(running.ToIdentity(), completed: false, None);
                Assert.Equal(DomainJobType.None, job.Type);
                Assert.Equal(name, job.Domain);

                // The firmware-only guest ignores the ACPI request; the call itself must succeed.
                driver.ShutdownDomain(running.ToIdentity(), None);
                driver.DestroyDomain(running.ToIdentity(), None);
                var off = Step(driver, uri, d, DomainState.ShutOff, "shut off");
                Assert.Equal("Destroyed", off.StateReason);
            }
            finally
            {
                Try(() => driver.DestroyDomain(d.ToIdentity(), None));
                driver.UndefineDomain(d.ToIdentity(), None);
            }
            Assert.Equal(ErrorCode.NoDomain, Assert.Throws<LibvirtException>(() => driver.LookupByUuid(d.Uuid, None)).Code);
        }

        [HostFact]
        public void Lifecycle_events_arrive_from_the_daemon()
        {
            using var driver = LibvirtHosts.Open(LibvirtHosts.Host1TestUri);
            var events = new BlockingCollection<DomainLifecycleEvent>();
            var name = UniqueName("event");
            using (driver.SubscribeDomainLifecycle(e => { if (e.Domain.Name == name) events.Add(e); }, None))
            {
                var d = driver.DefineDomain($"<domain type='test'><name>{name}</name><memory>65536</memory><os><type>hvm</type></os></domain>", None);
                driver.StartDomain(d.ToIdentity(), None);
                driver.DestroyDomain(d.ToIdentity(), None);
                driver.UndefineDomain(d.ToIdentity(), None);
                var seen = new List<(int, int)>();
                for (var i = 0; i < 4; i++)
                {
                    Assert.True(events.TryTake(out var e, TimeSpan.FromSeconds(5)), "missing lifecycle event #" + i);
                    seen.Add((e!.EventType, e.Detail));
                }
                // defined/added, started/booted, stopped/destroyed, undefined/removed
                Assert.Equal(new[] { (0, 0), (2, 0), (5, 1), (1, 0) }, seen);
            }
        }

        internal static string UniqueName(string what) => $"remote-{what}-{Guid.NewGuid().ToString("N").Substring(0, 8)}";

        internal static string TinyXml(string name) =>
            LibvirtHosts.TinyXml.Replace("<name>tiny</name>", $"<name>{name}</name>");

        private static VMDomain Step(RemoteDriver driver, string uri, VMDomain d, DomainState expected, string virshState)
        {
            Assert.Equal(virshState, LibvirtHosts.Virsh(uri, "domstate " + d.Name).Trim());
            var now = driver.GetDomain(d.ToIdentity(), None);
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

        private static void Try(Action a)
        {
            try { a(); } catch (LibvirtException) { }
        }
    }
}
