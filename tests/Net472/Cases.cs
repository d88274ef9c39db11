using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Uris;

namespace Libvirt.Tests.Net472
{
    /// <summary>
    /// Listing and lifecycle through the Engine's driver surface, as the cmdlets call it, on the embedded test
    /// hypervisor and on real daemons over unix (libvirt 9.0 and 11.3), tcp, tls and libssh (SSH.NET),
    /// each step checked with virsh.
    /// </summary>
    internal static class Cases
    {
        private static readonly CancellationToken None = CancellationToken.None;

        // One endpoint: how we reach it, and how virsh (the oracle) reaches the same daemon.
        private sealed class Endpoint
        {
            public Endpoint(string name, Func<string> uri, Func<string> oracle) { Name = name; Uri = uri; Oracle = oracle; }
            public string Name { get; }
            public Func<string> Uri { get; }
            public Func<string> Oracle { get; }
        }

        private static string TcpUri() => $"test+tcp://127.0.0.1:{Check.Env("LIBVIRT_PS_TCP_PORT")}/default";

        private static readonly Endpoint[] Daemons =
        {
            new Endpoint("unix, libvirt 9.0 (host1 test driver)", () => Check.Env("LIBVIRT_PS_HOST1_TEST_URI"), () => Check.Env("LIBVIRT_PS_HOST1_TEST_URI")),
            new Endpoint("unix, libvirt 11.3 (host3 test driver)", () => Check.Env("LIBVIRT_PS_HOST3_TEST_URI"), () => Check.Env("LIBVIRT_PS_HOST3_TEST_URI")),
            new Endpoint("tcp", TcpUri, TcpUri),
            new Endpoint("tls", () => $"test+tls://127.0.0.1:{Check.Env("LIBVIRT_PS_TLS_PORT")}/default?pkipath={Check.Env("LIBVIRT_PS_PKI_CLIENT")}",
                () => $"test+tls://127.0.0.1:{Check.Env("LIBVIRT_PS_TLS_PORT")}/default?pkipath={Check.Env("LIBVIRT_PS_PKI_CLIENT")}"),
            new Endpoint("libssh (SSH.NET)", () => $"test+libssh://root@127.0.0.1:{Check.Env("LIBVIRT_PS_SSH_PORT")}/default?keyfile={Check.Env("LIBVIRT_PS_SSH_KEY")}&known_hosts_verify=ignore", TcpUri),
        };

        public static IEnumerable<TestCase> All()
        {
            yield return new TestCase("embedded test:///default: lists the running domain 'test', lifecycle", EmbeddedAsync);
            foreach (var e in Daemons)
            {
                yield return new TestCase($"{e.Name}: lists what virsh lists", () => ListingAsync(e));
                yield return new TestCase($"{e.Name}: define, start, suspend, resume, destroy, undefine as virsh sees them", () => LifecycleAsync(e));
            }
            yield return new TestCase("unix, libvirt 9.0 (host1 QEMU): lists what virsh lists, defines and undefines the tiny guest",
                () => QemuAsync(Check.Env("LIBVIRT_PS_HOST1_URI")));
            yield return new TestCase("unix, libvirt 11.3 (host3 QEMU): lists what virsh lists, defines and undefines the tiny guest",
                () => QemuAsync(Check.Env("LIBVIRT_PS_HOST3_URI")));
        }

        private static IHypervisorDriver Open(string uri) =>
            DriverFactory.Instance.Open(LibvirtUri.Parse(uri), new ConnectOptions(), None);

        private static string UniqueName(string prefix) => $"net472-{prefix}-{Guid.NewGuid().ToString("N").Substring(0, 8)}";

        private static string TestXml(string name) =>
            $"<domain type='test'><name>{name}</name><memory unit='MiB'>128</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";

        private static async Task EmbeddedAsync()
        {
            using var driver = Open($"test:///net472-{Guid.NewGuid():N}");
            Check.Equal(0, (await driver.Domains().ListAsync(None)).Count, "domains of a new named test host");
            using var def = Open("test:///default");
            var test = (await def.Domains().ListAsync(None)).Single(d => d.Name == "test");
            Check.Equal(DomainState.Running, test.State, "state of 'test'");
            await LifecycleStepsAsync(driver, null);
        }

        private static async Task ListingAsync(Endpoint e)
        {
            using var driver = Open(e.Uri());
            var ours = (await driver.Domains().ListAsync(None)).ToDictionary(d => d.Name);
            var theirs = VirshStates(e.Oracle());
            Check.Equal(string.Join(",", theirs.Keys.OrderBy(n => n, StringComparer.Ordinal)),
                string.Join(",", ours.Keys.OrderBy(n => n, StringComparer.Ordinal)), "domain names");
            foreach (var kv in theirs)
                Check.Equal(kv.Value, VirshState(ours[kv.Key].State), $"state of {kv.Key}");
            Check.True(ours.Count > 0, "the daemon's default test host has domains");
        }

        private static async Task LifecycleAsync(Endpoint e)
        {
            using var driver = Open(e.Uri());
            await LifecycleStepsAsync(driver, e.Oracle());
        }

        // Each step, then the state from the driver and (for a daemon) from virsh.
        private static async Task LifecycleStepsAsync(IHypervisorDriver driver, string? oracle)
        {
            var domains = driver.Domains();
            var name = UniqueName("life");
            var d = await domains.DefineAsync(TestXml(name), None);
            try
            {
                async Task Expect(DomainState state, string virsh)
                {
                    Check.Equal(state, (await domains.LookupByNameAsync(name, None)).State, $"{name} state");
                    if (oracle != null) Check.Equal(virsh, Check.Virsh(oracle, "domstate " + name).Trim(), $"virsh domstate {name}");
                }
                Check.Equal(2, d.VCpus, "vCPUs");
                Check.Equal(128L, (long)d.MaxMemoryMB, "max memory MB");
                await Expect(DomainState.ShutOff, "shut off");
                await domains.StartAsync(d.ToIdentity(), None);
                var running = await domains.LookupByNameAsync(name, None);
                await Expect(DomainState.Running, "running");
                await domains.SuspendAsync(running.ToIdentity(), None);
                await Expect(DomainState.Paused, "paused");
                await domains.ResumeAsync(running.ToIdentity(), None);
                await Expect(DomainState.Running, "running");
                await domains.DestroyAsync(running.ToIdentity(), None);
                await Expect(DomainState.ShutOff, "shut off");
                Check.True((await domains.GetXmlAsync(d.ToIdentity(), inactive: true, None)).Contains($"<name>{name}</name>"), "XML names the domain");
            }
            finally
            {
                await domains.UndefineAsync(d.ToIdentity(), None);
            }
            try
            {
                await domains.LookupByNameAsync(name, None);
                throw new Exception($"{name} is still there after undefine");
            }
            catch (LibvirtException x)
            {
                Check.Equal(ErrorCode.NoDomain, x.Code, "error code of a lookup after undefine");
            }
            if (oracle != null) Check.True(!VirshStates(oracle).ContainsKey(name), "virsh no longer lists it");
        }

        private static async Task QemuAsync(string uri)
        {
            using var driver = Open(uri);
            var name = UniqueName("tiny");
            var xml = File.ReadAllText(Check.Env("LIBVIRT_PS_TINY_XML")).Replace("<name>tiny</name>", $"<name>{name}</name>");
            var d = await driver.Domains().DefineAsync(xml, None);
            try
            {
                var ours = (await driver.Domains().ListAsync(None)).ToDictionary(x => x.Name);
                var theirs = VirshStates(uri);
                Check.True(ours.ContainsKey(name) && theirs.ContainsKey(name), "the defined guest is listed by both");
                foreach (var kv in theirs.Where(kv => ours.ContainsKey(kv.Key)))
                    Check.Equal(kv.Value, VirshState(ours[kv.Key].State), $"state of {kv.Key}");
            }
            finally
            {
                await driver.Domains().UndefineAsync(d.ToIdentity(), None);
            }
        }

        // "virsh list --all": " Id   Name   State" rows, the state possibly two words ("shut off").
        private static Dictionary<string, string> VirshStates(string uri)
        {
            var states = new Dictionary<string, string>();
            foreach (var line in Check.Virsh(uri, "list --all").Split('\n'))
            {
                var parts = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 3) states[parts[1]] = string.Join(" ", parts.Skip(2));
            }
            return states;
        }

        private static string VirshState(DomainState state) => state switch
        {
            DomainState.Running => "running",
            DomainState.Paused => "paused",
            DomainState.ShutOff => "shut off",
            DomainState.Blocked => "idle",
            DomainState.ShuttingDown => "in shutdown",
            DomainState.Crashed => "crashed",
            DomainState.PMSuspended => "pmsuspended",
            _ => "no state",
        };
    }
}
