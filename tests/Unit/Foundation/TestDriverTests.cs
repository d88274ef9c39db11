using System;
using System.IO;
using System.Linq;
using System.Threading;
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

        [Fact]
        public void Named_host_starts_empty_and_is_shared_by_connections_to_the_same_uri()
        {
            using var a = NewHost(out var uri);
            Assert.Empty(a.ListDomains(None));
            var name = uri.Substring("test:///".Length);
            var host = a.GetHost(None);
            Assert.Equal(name, host.Hostname);
            Assert.Equal("TEST", host.HypervisorType);
            Assert.Equal(uri, host.Uri);
            Assert.True(host.Cpus > 0);
            Assert.True(host.MemoryMB > 0);

            a.DefineDomain(DomainXmlTests.Xml("shared"), None);
            using var b = TestDriver.Open(LibvirtUri.Parse(uri));
            Assert.Equal("shared", Assert.Single(b.ListDomains(None)).Name);
            using var other = NewHost();
            Assert.Empty(other.ListDomains(None));
        }

        [Fact]
        public void Default_host_has_running_test_domain()
        {
            using var d = TestDriver.Open(LibvirtUri.Parse("test:///default"));
            var test = d.LookupByName("test", None);
            Assert.Equal(Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), test.Uuid);
            Assert.Equal(DomainState.Running, test.State);
            Assert.Equal("Unknown", test.StateReason); // libvirt's test driver: "running (unknown)"
            Assert.True(test.Persistent);
            Assert.NotNull(test.Id);
            Assert.Equal(2, test.VCpus);
            Assert.Equal(8192, test.MaxMemoryMB);
            Assert.Equal(2048, test.MemoryMB);
            Assert.Equal("test:///default", test.Uri);
            Assert.Equal(test.Uuid, d.LookupById(test.Id!.Value, None).Uuid);
            Assert.Equal("test", d.LookupByUuid(test.Uuid, None).Name);
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
        public void Node_file_with_inline_and_file_domains_runstate_and_transient()
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
                var host = d.GetHost(None);
                Assert.Equal(8, host.Cpus);
                Assert.Equal(4096, host.MemoryMB);
                Assert.Equal("TestCPU", host.CpuModel);

                var all = d.ListDomains(None).ToDictionary(x => x.Name);
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
                Assert.DoesNotContain("runstate", d.GetDomainXml(all["paused"].ToIdentity(), false, None));
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
        public void Define_start_and_starting_running_domain_is_operation_invalid()
        {
            using var d = NewHost();
            var dom = d.DefineDomain(DomainXmlTests.Xml("vm"), None);
            Assert.Equal(DomainState.ShutOff, dom.State);
            Assert.Null(dom.Id);
            Assert.True(dom.Persistent);
            Assert.Equal(512, dom.MemoryMB);
            Assert.Equal(2, dom.VCpus);

            d.StartDomain(dom.ToIdentity(), None);
            var running = d.GetDomain(dom.ToIdentity(), None);
            Assert.Equal(DomainState.Running, running.State);
            Assert.Equal("Booted", running.StateReason);
            Assert.NotNull(running.Id);

            // libvirt's test driver reports this conflict as an internal error (checked against libvirtd 9.0).
            var ex = Fails(ErrorCode.InternalError, () => d.StartDomain(dom.ToIdentity(), None));
            Assert.Equal(DomainState.Running, d.GetDomain(dom.ToIdentity(), None).State);
            Assert.Equal(running.Id, d.GetDomain(dom.ToIdentity(), None).Id);
        }

        [Fact]
        public void Ids_increase_across_starts()
        {
            using var d = NewHost();
            var a = d.DefineDomain(DomainXmlTests.Xml("a"), None).ToIdentity();
            d.StartDomain(a, None);
            var id1 = d.GetDomain(a, None).Id!.Value;
            d.DestroyDomain(a, None);
            d.StartDomain(a, None);
            Assert.True(d.GetDomain(a, None).Id > id1);
        }

        [Fact]
        public void Undefine_running_persistent_makes_it_transient_then_stop_removes_it()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            d.StartDomain(id, None);
            d.UndefineDomain(id, None);
            var after = d.GetDomain(id, None);
            Assert.False(after.Persistent);
            Assert.Equal(DomainState.Running, after.State);
            Fails(ErrorCode.OperationInvalid, () => d.UndefineDomain(id, None));
            d.ShutdownDomain(id, None);
            Fails(ErrorCode.NoDomain, () => d.GetDomain(id, None));
            Assert.Empty(d.ListDomains(None));
        }

        [Fact]
        public void Undefine_inactive_removes_it()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            d.UndefineDomain(id, None);
            Fails(ErrorCode.NoDomain, () => d.LookupByName("vm", None));
            Fails(ErrorCode.NoDomain, () => d.UndefineDomain(id, None));
        }

        [Fact]
        public void Destroy_transient_removes_it_and_shutdown_persistent_keeps_it()
        {
            using var d = NewHost();
            var t = d.CreateDomain(DomainXmlTests.Xml("transient"), None);
            Assert.False(t.Persistent);
            Assert.Equal(DomainState.Running, t.State);
            d.DestroyDomain(t.ToIdentity(), None);
            Fails(ErrorCode.NoDomain, () => d.LookupByName("transient", None));

            var p = d.DefineDomain(DomainXmlTests.Xml("persistent"), None).ToIdentity();
            d.StartDomain(p, None);
            d.ShutdownDomain(p, None);
            var off = d.GetDomain(p, None);
            Assert.Equal(DomainState.ShutOff, off.State);
            Assert.Equal("Shutdown", off.StateReason);
            Assert.Null(off.Id);
            d.StartDomain(p, None);
            d.DestroyDomain(p, None);
            Assert.Equal("Destroyed", d.GetDomain(p, None).StateReason);
        }

        [Fact]
        public void Stopping_inactive_domain_is_operation_invalid()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            Fails(ErrorCode.InternalError, () => d.ShutdownDomain(id, None)); // libvirt's test driver: "domain 'vm' not running"
            Fails(ErrorCode.OperationInvalid, () => d.DestroyDomain(id, None));
            Fails(ErrorCode.OperationInvalid, () => d.RebootDomain(id, None));
            Fails(ErrorCode.OperationInvalid, () => d.ResetDomain(id, None)); // "domain is not running", as virsh reset says
            Assert.Equal(DomainState.ShutOff, d.GetDomain(id, None).State);
        }

        [Fact]
        public void Define_name_clash_and_uuid_clash_are_operation_failed()
        {
            using var d = NewHost();
            var first = d.DefineDomain(DomainXmlTests.Xml("vm", "11111111-1111-1111-1111-111111111111"), None);
            // Same name, other UUID.
            Fails(ErrorCode.OperationFailed, () => d.DefineDomain(DomainXmlTests.Xml("vm", "22222222-2222-2222-2222-222222222222"), None));
            // Same UUID, other name.
            Fails(ErrorCode.OperationFailed, () => d.DefineDomain(DomainXmlTests.Xml("other", "11111111-1111-1111-1111-111111111111"), None));
            Fails(ErrorCode.OperationFailed, () => d.CreateDomain(DomainXmlTests.Xml("vm"), None));
            Assert.Equal(first.Uuid, Assert.Single(d.ListDomains(None)).Uuid);
        }

        [Fact]
        public void Redefine_same_name_and_uuid_updates_definition()
        {
            using var d = NewHost();
            const string uuid = "11111111-1111-1111-1111-111111111111";
            d.DefineDomain(DomainXmlTests.Xml("vm", uuid), None);
            var updated = d.DefineDomain(DomainXmlTests.Xml("vm", uuid, "<memory unit='MiB'>1024</memory>", "<vcpu>4</vcpu>"), None);
            Assert.Equal(4, updated.VCpus);
            Assert.Equal(1024, updated.MaxMemoryMB);
            Assert.Single(d.ListDomains(None));
        }

        [Fact]
        public void Redefine_while_running_changes_inactive_xml_only_until_stop()
        {
            using var d = NewHost();
            const string uuid = "11111111-1111-1111-1111-111111111111";
            var id = d.DefineDomain(DomainXmlTests.Xml("vm", uuid), None).ToIdentity();
            d.StartDomain(id, None);
            d.DefineDomain(DomainXmlTests.Xml("vm", uuid, extra: "<vcpu>6</vcpu>"), None);
            Assert.Equal(2, d.GetDomain(id, None).VCpus);
            var live = d.GetDomainXml(id, false, None);
            var inactive = d.GetDomainXml(id, true, None);
            Assert.Contains(">2</vcpu>", live);
            Assert.Contains(">6</vcpu>", inactive);
            d.DestroyDomain(id, None);
            Assert.Equal(6, d.GetDomain(id, None).VCpus);
        }

        [Fact]
        public void Domain_xml_has_id_only_when_running_and_not_with_inactive()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm", "11111111-1111-1111-1111-111111111111"), None).ToIdentity();
            Assert.DoesNotContain(" id=", d.GetDomainXml(id, false, None));
            d.StartDomain(id, None);
            var domId = d.GetDomain(id, None).Id;
            var live = System.Xml.Linq.XElement.Parse(d.GetDomainXml(id, false, None));
            Assert.Equal(domId.ToString(), (string?)live.Attribute("id"));
            Assert.Equal("vm", live.Element("name")!.Value);
            Assert.Equal("11111111-1111-1111-1111-111111111111", live.Element("uuid")!.Value);
            Assert.Null(System.Xml.Linq.XElement.Parse(d.GetDomainXml(id, true, None)).Attribute("id"));
        }

        [Fact]
        public void Suspend_and_resume_rules()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            // libvirt's test driver: "internal error: domain 'vm' not running" / "not paused", also when shut off.
            Fails(ErrorCode.InternalError, () => d.SuspendDomain(id, None));
            Fails(ErrorCode.InternalError, () => d.ResumeDomain(id, None));
            d.StartDomain(id, None);
            Fails(ErrorCode.InternalError, () => d.ResumeDomain(id, None)); // "domain 'vm' not paused", as libvirtd says
            d.SuspendDomain(id, None);
            var paused = d.GetDomain(id, None);
            Assert.Equal(DomainState.Paused, paused.State);
            Assert.Equal("User", paused.StateReason);
            Fails(ErrorCode.InternalError, () => d.SuspendDomain(id, None));
            Assert.Equal(DomainState.Paused, d.GetDomain(id, None).State);
            d.ResumeDomain(id, None);
            var resumed = d.GetDomain(id, None);
            Assert.Equal(DomainState.Running, resumed.State);
            Assert.Equal("Unpaused", resumed.StateReason);
            Assert.Equal(paused.Id, resumed.Id);
        }

        [Fact]
        public void Reboot_keeps_running()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            d.StartDomain(id, None);
            d.RebootDomain(id, None);
            Assert.Equal(DomainState.Running, d.GetDomain(id, None).State);
        }

        [Fact]
        public void Reset_changes_neither_state_nor_reason_nor_id_as_in_libvirts_test_driver()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            d.StartDomain(id, None);
            d.SuspendDomain(id, None);
            var before = d.GetDomain(id, None);
            d.ResetDomain(id, None);
            var after = d.GetDomain(id, None);
            Assert.Equal(DomainState.Paused, after.State);
            Assert.Equal(before.StateReason, after.StateReason);
            Assert.Equal(before.Id, after.Id);
        }

        [Fact]
        public void Qemu_and_kvm_definitions_are_taken_as_libvirts_test_driver_takes_them_and_unknown_types_are_not()
        {
            using var d = NewHost();
            var k = d.DefineDomain("<domain type='kvm'><name>k</name><memory>1024</memory><os><type arch='x86_64' machine='pc'>hvm</type></os>" +
                "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>", None);
            d.StartDomain(k.ToIdentity(), None);
            Assert.Equal(DomainState.Running, d.GetDomain(k.ToIdentity(), None).State);
            Fails(ErrorCode.ConfigUnsupported, () => d.DefineDomain("<domain type='foo'><name>f</name><memory>1024</memory><os><type>hvm</type></os></domain>", None));
            Assert.Single(d.ListDomains(None));
        }

        [Fact]
        public void Xml_comes_back_as_libvirt_formats_it()
        {
            using var d = NewHost();
            var id = d.DefineDomain("<domain type='test'><name>r</name><memory unit='MiB'>1</memory><os><type>hvm</type></os><on_reboot>destroy</on_reboot></domain>", None).ToIdentity();
            var xml = System.Xml.Linq.XElement.Parse(d.GetDomainXml(id, inactive: false, None));
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
        public void Lifecycle_actions_and_shutdown_of_paused_domains_follow_libvirts_test_driver()
        {
            using var d = NewHost();
            var id = d.DefineDomain("<domain type='test'><name>r</name><memory>1024</memory><os><type>hvm</type></os>" +
                "<on_poweroff>restart</on_poweroff><on_reboot>destroy</on_reboot></domain>", None).ToIdentity();
            d.StartDomain(id, None);
            d.RebootDomain(id, None);                           // on_reboot destroy: off, reason shutdown
            var off = d.GetDomain(id, None);
            Assert.Equal(DomainState.ShutOff, off.State);
            Assert.Equal("Shutdown", off.StateReason);
            d.StartDomain(id, None);
            var before = d.GetDomain(id, None).Id;
            d.SuspendDomain(id, None);
            d.ShutdownDomain(id, None);                         // paused is fine; on_poweroff restart: runs again, same id
            var again = d.GetDomain(id, None);
            Assert.Equal(DomainState.Running, again.State);
            Assert.Equal("Booted", again.StateReason);
            Assert.Equal(before, again.Id);
        }

        [Fact]
        public void Lookups_of_missing_domains_are_no_domain()
        {
            using var d = NewHost();
            Fails(ErrorCode.NoDomain, () => d.LookupByName("ghost", None));
            Fails(ErrorCode.NoDomain, () => d.LookupById(4242, None));
            Fails(ErrorCode.NoDomain, () => d.LookupByUuid(Guid.NewGuid(), None));
            Fails(ErrorCode.NoDomain, () => d.StartDomain(new DomainIdentity("ghost", Guid.NewGuid(), -1), None));
        }

        [Fact]
        public void Closed_connection_is_invalid_conn_and_host_survives()
        {
            var d = NewHost(out var uri);
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            d.Dispose();
            var ex = Fails(ErrorCode.InvalidConn, () => d.ListDomains(None));
            Assert.Equal(ErrorDomain.Test, ex.Domain);
            Fails(ErrorCode.InvalidConn, () => d.GetHost(None));
            Fails(ErrorCode.InvalidConn, () => d.StartDomain(id, None));
            Fails(ErrorCode.InvalidConn, () => d.DefineDomain(DomainXmlTests.Xml("x"), None));
            Fails(ErrorCode.InvalidConn, () => d.GetDomainXml(id, false, None));
            Fails(ErrorCode.InvalidConn, () => d.Migration.Begin(id, new Libvirt.Engine.TypedParameters.TypedParameterList(), 0, None));
            using var again = TestDriver.Open(LibvirtUri.Parse(uri));
            Assert.Equal("vm", Assert.Single(again.ListDomains(None)).Name);
        }

        [Fact]
        public void No_job_means_type_none_and_abort_is_operation_invalid()
        {
            using var d = NewHost();
            var id = d.DefineDomain(DomainXmlTests.Xml("vm"), None).ToIdentity();
            d.StartDomain(id, None);
            Assert.Equal(Libvirt.Engine.Jobs.DomainJobType.None, d.GetJobInfo(id, false, None).Type);
            Fails(ErrorCode.OperationInvalid, () => d.AbortJob(id, None));
        }
    }
}
