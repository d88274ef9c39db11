using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Test;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    public class TestDriverTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        internal static IHypervisorDriver NewHost(out string uri)
        {
            uri = "test:///t-" + Guid.NewGuid().ToString("N");
            return TestDriver.Open(LibvirtUri.Parse(uri));
        }

        internal static IHypervisorDriver NewHost() => NewHost(out _);

        private static LibvirtException Fails(ErrorCode code, Action action)
        {
            var ex = Assert.Throws<LibvirtException>(action);
            Assert.Equal(code, ex.Code);
            return ex;
        }

        private static async Task<LibvirtException> Fails(ErrorCode code, Func<Task> action)
        {
            var ex = await Assert.ThrowsAsync<LibvirtException>(action);
            Assert.Equal(code, ex.Code);
            return ex;
        }

        [Fact]
        public async Task Named_host_starts_empty_and_is_shared_by_connections_to_the_same_uri()
        {
            using var a = NewHost(out var uri);
            Assert.Empty(await a.Domains().ListAsync(None));
            var name = uri.Substring("test:///".Length);
            var host = await a.Host().GetHostAsync(None);
            Assert.Equal(name, host.Hostname);
            Assert.Equal("TEST", host.HypervisorType);
            Assert.Equal(uri, host.Uri);
            Assert.True(host.Cpus > 0);
            Assert.True(host.MemoryMB > 0);

            await a.Domains().DefineAsync(DomainXmlTests.Xml("shared"), None);
            using var b = TestDriver.Open(LibvirtUri.Parse(uri));
            Assert.Equal("shared", Assert.Single(await b.Domains().ListAsync(None)).Name);
            using var other = NewHost();
            Assert.Empty(await other.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Set_autostart_shows_in_the_domain_and_transient_domains_take_it_too()
        {
            using var d = NewHost();
            var persistent = (await d.Domains().DefineAsync(DomainXmlTests.Xml("auto"), None)).ToIdentity();
            await d.Domains().SetAutostartAsync(persistent, true, None);
            Assert.True((await d.Domains().GetAsync(persistent, None)).Autostart);
            await d.Domains().SetAutostartAsync(persistent, false, None);
            Assert.False((await d.Domains().GetAsync(persistent, None)).Autostart);
            // As libvirt's test driver does (virsh autostart on test:///default).
            var transient = (await d.Domains().CreateAsync(DomainXmlTests.Xml("passing"), None)).ToIdentity();
            await d.Domains().SetAutostartAsync(transient, true, None);
            Assert.True((await d.Domains().GetAsync(transient, None)).Autostart);
            await Fails(ErrorCode.NoDomain, () => d.Domains().SetAutostartAsync(new DomainIdentity("ghost", Guid.NewGuid(), -1), true, None));
        }

        [Fact]
        public async Task Default_host_has_running_test_domain()
        {
            using var d = TestDriver.Open(LibvirtUri.Parse("test:///default"));
            var test = await d.Domains().LookupByNameAsync("test", None);
            Assert.Equal(Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), test.Uuid);
            Assert.Equal(DomainState.Running, test.State);
            Assert.Equal("Unknown", test.StateReason); // libvirt's test driver: "running (unknown)"
            Assert.True(test.Persistent);
            Assert.NotNull(test.Id);
            Assert.Equal(2, test.VCpus);
            Assert.Equal(8192, test.MaxMemoryMB);
            Assert.Equal(2048, test.MemoryMB);
            Assert.Equal("test:///default", test.Uri);
            Assert.Equal(test.Uuid, (await d.Domains().LookupByIdAsync(test.Id!.Value, None)).Uuid);
            Assert.Equal("test", (await d.Domains().LookupByUuidAsync(test.Uuid, None)).Name);
        }

        [Fact]
        public void Path_less_test_uri_is_invalid_arg()
        {
            Fails(ErrorCode.InvalidArg, () => TestDriver.Open(LibvirtUri.Parse("test:///")));
        }

        [Fact]
        public void Missing_node_file_is_open_failed()
        {
            Fails(ErrorCode.OpenFailed, () => TestDriver.Open(LibvirtUri.Parse("test://" + Path.Combine(Path.GetTempPath(), "nope-" + Guid.NewGuid().ToString("N"), "node.xml"))));
        }

        [Fact]
        public async Task Node_file_with_inline_and_file_domains_runstate_and_transient()
        {
            var dir = Path.Combine(Path.GetTempPath(), "node-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "fromfile.xml"),
                    "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>fromfile</name><uuid>aaaaaaaa-0000-0000-0000-000000000001</uuid>" +
                    "<memory unit='MiB'>128</memory><vcpu>3</vcpu><os><type>hvm</type></os><test:runstate>5</test:runstate></domain>");
                var node = Path.Combine(dir, "node.xml");
                File.WriteAllText(node,
                    "<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>" +
                    "<cpu><mhz>2000</mhz><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>2</threads><model>TestCPU</model></cpu>" +
                    "<memory>4194304</memory>" +
                    "<domain type='test'><name>inline</name><memory unit='MiB'>256</memory><os><type>hvm</type></os></domain>" +
                    "<domain type='test'><name>paused</name><memory unit='MiB'>64</memory><test:runstate>3</test:runstate><os><type>hvm</type></os></domain>" +
                    "<domain type='test'><name>trans</name><memory unit='MiB'>64</memory><test:transient/><os><type>hvm</type></os></domain>" +
                    "<domain file='fromfile.xml'/>" +
                    "</node>");
                using var d = TestDriver.Open(LibvirtUri.Parse("test://" + node));
                var host = await d.Host().GetHostAsync(None);
                Assert.Equal(8, host.Cpus);
                Assert.Equal(4096, host.MemoryMB);
                Assert.Equal("TestCPU", host.CpuModel);

                var all = (await d.Domains().ListAsync(None)).ToDictionary(x => x.Name);
                Assert.Equal(new[] { "fromfile", "inline", "paused", "trans" }, all.Keys.OrderBy(k => k).ToArray());
                Assert.Equal(DomainState.Running, all["inline"].State);
                Assert.True(all["inline"].Persistent);
                Assert.Equal(DomainState.Paused, all["paused"].State);
                Assert.NotNull(all["paused"].Id);
                Assert.False(all["trans"].Persistent);
                Assert.Equal(DomainState.Running, all["trans"].State);
                Assert.Equal(DomainState.ShutOff, all["fromfile"].State);
                Assert.Null(all["fromfile"].Id);
                Assert.Equal(3, all["fromfile"].VCpus);
                Assert.Equal(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001"), all["fromfile"].Uuid);
                // The test: namespace elements are not part of the domain definition.
                Assert.DoesNotContain("runstate", await d.Domains().GetXmlAsync(all["paused"].ToIdentity(), false, None));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void Node_file_with_external_entity_is_refused()
        {
            var dir = Path.Combine(Path.GetTempPath(), "node-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var secret = Path.Combine(dir, "secret.txt");
                File.WriteAllText(secret, "SECRETNAME");
                var node = Path.Combine(dir, "node.xml");
                File.WriteAllText(node, $"<!DOCTYPE node [<!ENTITY x SYSTEM '{new Uri(secret).AbsoluteUri}'>]><node><domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os></domain></node>");
                var ex = Fails(ErrorCode.XmlError, () => TestDriver.Open(LibvirtUri.Parse("test://" + node)));
                Assert.DoesNotContain("SECRETNAME", ex.ToString());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public async Task Define_start_and_starting_running_domain_is_operation_invalid()
        {
            using var d = NewHost();
            var dom = await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None);
            Assert.Equal(DomainState.ShutOff, dom.State);
            Assert.Null(dom.Id);
            Assert.True(dom.Persistent);
            Assert.Equal(512, dom.MemoryMB);
            Assert.Equal(2, dom.VCpus);

            await d.Domains().StartAsync(dom.ToIdentity(), None);
            var running = await d.Domains().GetAsync(dom.ToIdentity(), None);
            Assert.Equal(DomainState.Running, running.State);
            Assert.Equal("Booted", running.StateReason);
            Assert.NotNull(running.Id);

            // libvirt's test driver reports this conflict as an internal error (checked against libvirtd 9.0).
            var ex = await Fails(ErrorCode.InternalError, () => d.Domains().StartAsync(dom.ToIdentity(), None));
            Assert.Equal(DomainState.Running, (await d.Domains().GetAsync(dom.ToIdentity(), None)).State);
            Assert.Equal(running.Id, (await d.Domains().GetAsync(dom.ToIdentity(), None)).Id);
        }

        [Fact]
        public async Task Ids_increase_across_starts()
        {
            using var d = NewHost();
            var a = (await d.Domains().DefineAsync(DomainXmlTests.Xml("a"), None)).ToIdentity();
            await d.Domains().StartAsync(a, None);
            var id1 = (await d.Domains().GetAsync(a, None)).Id!.Value;
            await d.Domains().DestroyAsync(a, None);
            await d.Domains().StartAsync(a, None);
            Assert.True((await d.Domains().GetAsync(a, None)).Id > id1);
        }

        [Fact]
        public async Task Undefine_running_persistent_makes_it_transient_then_stop_removes_it()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            await d.Domains().StartAsync(id, None);
            await d.Domains().UndefineAsync(id, None);
            var after = await d.Domains().GetAsync(id, None);
            Assert.False(after.Persistent);
            Assert.Equal(DomainState.Running, after.State);
            await Fails(ErrorCode.OperationInvalid, () => d.Domains().UndefineAsync(id, None));
            await d.Domains().ShutdownAsync(id, None);
            await Fails(ErrorCode.NoDomain, () => d.Domains().GetAsync(id, None));
            Assert.Empty(await d.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Undefine_inactive_removes_it()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            await d.Domains().UndefineAsync(id, None);
            await Fails(ErrorCode.NoDomain, () => d.Domains().LookupByNameAsync("vm", None));
            await Fails(ErrorCode.NoDomain, () => d.Domains().UndefineAsync(id, None));
        }

        [Fact]
        public async Task Destroy_transient_removes_it_and_shutdown_persistent_keeps_it()
        {
            using var d = NewHost();
            var t = await d.Domains().CreateAsync(DomainXmlTests.Xml("transient"), None);
            Assert.False(t.Persistent);
            Assert.Equal(DomainState.Running, t.State);
            await d.Domains().DestroyAsync(t.ToIdentity(), None);
            await Fails(ErrorCode.NoDomain, () => d.Domains().LookupByNameAsync("transient", None));

            var p = (await d.Domains().DefineAsync(DomainXmlTests.Xml("persistent"), None)).ToIdentity();
            await d.Domains().StartAsync(p, None);
            await d.Domains().ShutdownAsync(p, None);
            var off = await d.Domains().GetAsync(p, None);
            Assert.Equal(DomainState.ShutOff, off.State);
            Assert.Equal("Shutdown", off.StateReason);
            Assert.Null(off.Id);
            await d.Domains().StartAsync(p, None);
            await d.Domains().DestroyAsync(p, None);
            Assert.Equal("Destroyed", (await d.Domains().GetAsync(p, None)).StateReason);
        }

        [Fact]
        public async Task Stopping_inactive_domain_is_operation_invalid()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            await Fails(ErrorCode.InternalError, () => d.Domains().ShutdownAsync(id, None)); // libvirt's test driver: "domain 'vm' not running"
            await Fails(ErrorCode.OperationInvalid, () => d.Domains().DestroyAsync(id, None));
            await Fails(ErrorCode.OperationInvalid, () => d.Domains().RebootAsync(id, None));
            await Fails(ErrorCode.OperationInvalid, () => d.Domains().ResetAsync(id, None)); // "domain is not running", as virsh reset says
            Assert.Equal(DomainState.ShutOff, (await d.Domains().GetAsync(id, None)).State);
        }

        [Fact]
        public async Task Define_name_clash_and_uuid_clash_are_operation_failed()
        {
            using var d = NewHost();
            var first = await d.Domains().DefineAsync(DomainXmlTests.Xml("vm", "11111111-1111-1111-1111-111111111111"), None);
            // Same name, other UUID.
            await Fails(ErrorCode.OperationFailed, () => d.Domains().DefineAsync(DomainXmlTests.Xml("vm", "22222222-2222-2222-2222-222222222222"), None));
            // Same UUID, other name.
            await Fails(ErrorCode.OperationFailed, () => d.Domains().DefineAsync(DomainXmlTests.Xml("other", "11111111-1111-1111-1111-111111111111"), None));
            await Fails(ErrorCode.OperationFailed, () => d.Domains().CreateAsync(DomainXmlTests.Xml("vm"), None));
            Assert.Equal(first.Uuid, Assert.Single(await d.Domains().ListAsync(None)).Uuid);
        }

        [Fact]
        public async Task Redefine_same_name_and_uuid_updates_definition()
        {
            using var d = NewHost();
            const string uuid = "11111111-1111-1111-1111-111111111111";
            await d.Domains().DefineAsync(DomainXmlTests.Xml("vm", uuid), None);
            var updated = await d.Domains().DefineAsync(DomainXmlTests.Xml("vm", uuid, "<memory unit='MiB'>1024</memory>", "<vcpu>4</vcpu>"), None);
            Assert.Equal(4, updated.VCpus);
            Assert.Equal(1024, updated.MaxMemoryMB);
            Assert.Single(await d.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Redefine_while_running_changes_inactive_xml_only_until_stop()
        {
            using var d = NewHost();
            const string uuid = "11111111-1111-1111-1111-111111111111";
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm", uuid), None)).ToIdentity();
            await d.Domains().StartAsync(id, None);
            await d.Domains().DefineAsync(DomainXmlTests.Xml("vm", uuid, extra: "<vcpu>6</vcpu>"), None);
            Assert.Equal(2, (await d.Domains().GetAsync(id, None)).VCpus);
            var live = await d.Domains().GetXmlAsync(id, false, None);
            var inactive = await d.Domains().GetXmlAsync(id, true, None);
            Assert.Contains(">2</vcpu>", live);
            Assert.Contains(">6</vcpu>", inactive);
            await d.Domains().DestroyAsync(id, None);
            Assert.Equal(6, (await d.Domains().GetAsync(id, None)).VCpus);
        }

        [Fact]
        public async Task Domain_xml_has_id_only_when_running_and_not_with_inactive()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm", "11111111-1111-1111-1111-111111111111"), None)).ToIdentity();
            Assert.DoesNotContain(" id=", await d.Domains().GetXmlAsync(id, false, None));
            await d.Domains().StartAsync(id, None);
            var domId = (await d.Domains().GetAsync(id, None)).Id;
            var live = System.Xml.Linq.XElement.Parse(await d.Domains().GetXmlAsync(id, false, None));
            Assert.Equal(domId.ToString(), (string?)live.Attribute("id"));
            Assert.Equal("vm", live.Element("name")!.Value);
            Assert.Equal("11111111-1111-1111-1111-111111111111", live.Element("uuid")!.Value);
            Assert.Null(System.Xml.Linq.XElement.Parse(await d.Domains().GetXmlAsync(id, true, None)).Attribute("id"));
        }

        [Fact]
        public async Task Suspend_and_resume_rules()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            // libvirt's test driver: "internal error: domain 'vm' not running" / "not paused", also when shut off.
            await Fails(ErrorCode.InternalError, () => d.Domains().SuspendAsync(id, None));
            await Fails(ErrorCode.InternalError, () => d.Domains().ResumeAsync(id, None));
            await d.Domains().StartAsync(id, None);
            await Fails(ErrorCode.InternalError, () => d.Domains().ResumeAsync(id, None)); // "domain 'vm' not paused", as libvirtd says
            await d.Domains().SuspendAsync(id, None);
            var paused = await d.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Paused, paused.State);
            Assert.Equal("User", paused.StateReason);
            await Fails(ErrorCode.InternalError, () => d.Domains().SuspendAsync(id, None));
            Assert.Equal(DomainState.Paused, (await d.Domains().GetAsync(id, None)).State);
            await d.Domains().ResumeAsync(id, None);
            var resumed = await d.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Running, resumed.State);
            Assert.Equal("Unpaused", resumed.StateReason);
            Assert.Equal(paused.Id, resumed.Id);
        }

        [Fact]
        public async Task Reboot_keeps_running()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            await d.Domains().StartAsync(id, None);
            await d.Domains().RebootAsync(id, None);
            Assert.Equal(DomainState.Running, (await d.Domains().GetAsync(id, None)).State);
        }

        [Fact]
        public async Task Reset_changes_neither_state_nor_reason_nor_id_as_in_libvirts_test_driver()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            await d.Domains().StartAsync(id, None);
            await d.Domains().SuspendAsync(id, None);
            var before = await d.Domains().GetAsync(id, None);
            await d.Domains().ResetAsync(id, None);
            var after = await d.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Paused, after.State);
            Assert.Equal(before.StateReason, after.StateReason);
            Assert.Equal(before.Id, after.Id);
        }

        [Fact]
        public async Task Qemu_and_kvm_definitions_are_taken_as_libvirts_test_driver_takes_them_and_unknown_types_are_not()
        {
            using var d = NewHost();
            var k = await d.Domains().DefineAsync("<domain type='kvm'><name>k</name><memory>1024</memory><os><type arch='x86_64' machine='pc'>hvm</type></os>" +
                "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>", None);
            await d.Domains().StartAsync(k.ToIdentity(), None);
            Assert.Equal(DomainState.Running, (await d.Domains().GetAsync(k.ToIdentity(), None)).State);
            await Fails(ErrorCode.ConfigUnsupported, () => d.Domains().DefineAsync("<domain type='foo'><name>f</name><memory>1024</memory><os><type>hvm</type></os></domain>", None));
            Assert.Single(await d.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Xml_comes_back_as_libvirt_formats_it()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync("<domain type='test'><name>r</name><memory unit='MiB'>1</memory><os><type>hvm</type></os><on_reboot>destroy</on_reboot></domain>", None)).ToIdentity();
            var xml = System.Xml.Linq.XElement.Parse(await d.Domains().GetXmlAsync(id, false, None));
            string[] order = { "name", "uuid", "memory", "currentMemory", "vcpu", "os", "clock", "on_poweroff", "on_reboot", "on_crash", "devices" };
            Assert.Equal(order, xml.Elements().Select(e => e.Name.LocalName).ToArray());
            Assert.Equal("1024", xml.Element("currentMemory")!.Value);
            Assert.Equal("KiB", (string?)xml.Element("memory")!.Attribute("unit"));
            Assert.Equal("static", (string?)xml.Element("vcpu")!.Attribute("placement"));
            Assert.Equal("i686", (string?)xml.Element("os")!.Element("type")!.Attribute("arch"));
            Assert.Equal("hd", (string?)xml.Element("os")!.Element("boot")!.Attribute("dev"));
            Assert.Equal("destroy", xml.Element("on_reboot")!.Value);
            Assert.Equal("utc", (string?)xml.Element("clock")!.Attribute("offset"));
        }

        [Fact]
        public async Task Lifecycle_actions_and_shutdown_of_paused_domains_follow_libvirts_test_driver()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync("<domain type='test'><name>r</name><memory>1024</memory><os><type>hvm</type></os>" +
                "<on_poweroff>restart</on_poweroff><on_reboot>destroy</on_reboot></domain>", None)).ToIdentity();
            await d.Domains().StartAsync(id, None);
            await d.Domains().RebootAsync(id, None);            // on_reboot destroy: off, reason shutdown
            var off = await d.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.ShutOff, off.State);
            Assert.Equal("Shutdown", off.StateReason);
            await d.Domains().StartAsync(id, None);
            var before = (await d.Domains().GetAsync(id, None)).Id;
            await d.Domains().SuspendAsync(id, None);
            await d.Domains().ShutdownAsync(id, None);          // paused is fine; on_poweroff restart: runs again, same id
            var again = await d.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Running, again.State);
            Assert.Equal("Booted", again.StateReason);
            Assert.Equal(before, again.Id);
        }

        [Fact]
        public async Task Lookups_of_missing_domains_are_no_domain()
        {
            using var d = NewHost();
            await Fails(ErrorCode.NoDomain, () => d.Domains().LookupByNameAsync("ghost", None));
            await Fails(ErrorCode.NoDomain, () => d.Domains().LookupByIdAsync(4242, None));
            await Fails(ErrorCode.NoDomain, () => d.Domains().LookupByUuidAsync(Guid.NewGuid(), None));
            await Fails(ErrorCode.NoDomain, () => d.Domains().StartAsync(new DomainIdentity("ghost", Guid.NewGuid(), -1), None));
        }

        [Fact]
        public async Task Closed_connection_is_invalid_conn_and_host_survives()
        {
            var d = NewHost(out var uri);
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            d.Dispose();
            var ex = await Fails(ErrorCode.InvalidConn, () => d.Domains().ListAsync(None));
            Assert.Equal(ErrorDomain.Test, ex.Domain);
            await Fails(ErrorCode.InvalidConn, () => d.Host().GetHostAsync(None));
            await Fails(ErrorCode.InvalidConn, () => d.Domains().StartAsync(id, None));
            await Fails(ErrorCode.InvalidConn, () => d.Domains().DefineAsync(DomainXmlTests.Xml("x"), None));
            await Fails(ErrorCode.InvalidConn, () => d.Domains().GetXmlAsync(id, false, None));
            await Fails(ErrorCode.InvalidConn, () => d.Migration().BeginAsync(id, new Libvirt.Engine.TypedParameters.TypedParameterList(), 0, None));
            using var again = TestDriver.Open(LibvirtUri.Parse(uri));
            Assert.Equal("vm", Assert.Single(await again.Domains().ListAsync(None)).Name);
        }

        [Fact]
        public async Task No_job_means_type_none_and_abort_is_operation_invalid()
        {
            using var d = NewHost();
            var id = (await d.Domains().DefineAsync(DomainXmlTests.Xml("vm"), None)).ToIdentity();
            await d.Domains().StartAsync(id, None);
            Assert.Equal(Libvirt.Engine.Jobs.DomainJobType.None, (await d.Domains().GetJobInfoAsync(id, false, None)).Type);
            await Fails(ErrorCode.OperationInvalid, () => d.Domains().AbortJobAsync(id, None));
        }
    }
}
