using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Test;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Engine.Uris;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>
    /// What the embedded test hypervisor refuses exactly as libvirt does: changes through a read-only
    /// connection (libvirtd 9.0's test driver: VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, "operation
    /// forbidden: read only access prevents virDomainXxx") and migrate URIs QEMU's driver refuses.
    /// </summary>
    public sealed class TestDriverRefusalTests
    {
        private const uint Live = 0x1, PeerToPeerFlag = 0x2;
        private static readonly CancellationToken None = CancellationToken.None;
        private const string Xml = "<domain type='test'><name>ro</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";

        private static (IHypervisorDriver ReadWrite, IHypervisorDriver ReadOnly, DomainIdentity Running) Host()
        {
            var uri = "test:///ro-" + Guid.NewGuid().ToString("N");
            var rw = TestDriver.Open(LibvirtUri.Parse(uri));
            var id = rw.Domains().DefineAsync(Xml, None).GetAwaiter().GetResult().ToIdentity();
            rw.Domains().StartAsync(id, None).GetAwaiter().GetResult();
            return (rw, TestDriver.Open(LibvirtUri.Parse(uri), readOnly: true), rw.Domains().GetAsync(id, None).GetAwaiter().GetResult().ToIdentity());
        }

        public static TheoryData<string, string> Changes => new TheoryData<string, string>
        {
            { "define", "virDomainDefineXMLFlags" },
            { "create", "virDomainCreateXML" },
            { "start", "virDomainCreateWithFlags" },
            { "shutdown", "virDomainShutdown" },
            { "destroy", "virDomainDestroy" },
            { "reboot", "virDomainReboot" },
            { "suspend", "virDomainSuspend" },
            { "resume", "virDomainResume" },
            { "undefine", "virDomainUndefineFlags" },
            { "abort job", "virDomainAbortJob" },
            { "migrate begin", "virDomainMigrateBegin3Params" },
            { "migrate prepare", "virDomainMigratePrepare3Params" },
            { "migrate perform", "virDomainMigratePerform3Params" },
            { "migrate finish", "virDomainMigrateFinish3Params" },
            { "migrate confirm", "virDomainMigrateConfirm3Params" },
            { "set max speed", "virDomainMigrateSetMaxSpeed" },
            { "set max downtime", "virDomainMigrateSetMaxDowntime" },
            { "start post-copy", "virDomainMigrateStartPostCopy" },
        };

        [Theory]
        [MemberData(nameof(Changes))]
        public async Task A_read_only_connection_refuses_every_change_with_libvirts_error(string change, string api)
        {
            var (rw, ro, id) = Host();
            using (rw)
            using (ro)
            {
                var e = Assert.Throws<LibvirtException>(() => Do(ro, change, id));
                Assert.Equal(ErrorCode.OperationDenied, e.Code);
                Assert.Equal(ErrorDomain.Domain, e.Domain);
                Assert.Equal("operation forbidden: read only access prevents " + api, e.Message);
                // Nothing changed, and reading still works.
                Assert.Equal(DomainState.Running, (await ro.Domains().GetAsync(id, None)).State);
                Assert.Single(await ro.Domains().ListAsync(None));
                Assert.Contains("<name>ro</name>", await ro.Domains().GetXmlAsync(id, inactive: true, None));
            }
        }

        private static void Do(IHypervisorDriver d, string change, DomainIdentity id)
        {
            var none = new TypedParameterList(Array.Empty<TypedParameter>());
            switch (change)
            {
                case "define": d.Domains().DefineAsync(Xml.Replace("<name>ro</name>", "<name>other</name>"), None).GetAwaiter().GetResult(); break;
                case "create": d.Domains().CreateAsync(Xml.Replace("<name>ro</name>", "<name>other</name>"), None).GetAwaiter().GetResult(); break;
                case "start": d.Domains().StartAsync(id, None).GetAwaiter().GetResult(); break;
                case "shutdown": d.Domains().ShutdownAsync(id, None).GetAwaiter().GetResult(); break;
                case "destroy": d.Domains().DestroyAsync(id, None).GetAwaiter().GetResult(); break;
                case "reboot": d.Domains().RebootAsync(id, None).GetAwaiter().GetResult(); break;
                case "suspend": d.Domains().SuspendAsync(id, None).GetAwaiter().GetResult(); break;
                case "resume": d.Domains().ResumeAsync(id, None).GetAwaiter().GetResult(); break;
                case "undefine": d.Domains().UndefineAsync(id, None).GetAwaiter().GetResult(); break;
                case "abort job": d.Domains().AbortJobAsync(id, None).GetAwaiter().GetResult(); break;
                case "migrate begin": d.Migration().BeginAsync(id, none, Live, None).GetAwaiter().GetResult(); break;
                case "migrate prepare": d.Migration().PrepareAsync(none, Array.Empty<byte>(), Live, None).GetAwaiter().GetResult(); break;
                case "migrate perform": d.Migration().PerformAsync(id, "test:///elsewhere", none, Array.Empty<byte>(), Live | PeerToPeerFlag, None).GetAwaiter().GetResult(); break;
                case "migrate finish": d.Migration().FinishAsync(none, Array.Empty<byte>(), Live, cancelled: true, None).GetAwaiter().GetResult(); break;
                case "migrate confirm": d.Migration().ConfirmAsync(id, none, Array.Empty<byte>(), Live, cancelled: true, None).GetAwaiter().GetResult(); break;
                case "set max speed": d.Migration().SetMaxSpeedAsync(id, 10, postcopy: false, None).GetAwaiter().GetResult(); break;
                case "set max downtime": d.Migration().SetMaxDowntimeAsync(id, 10, None).GetAwaiter().GetResult(); break;
                case "start post-copy": d.Migration().StartPostCopyAsync(id, None).GetAwaiter().GetResult(); break;
                default: throw new ArgumentOutOfRangeException(nameof(change));
            }
        }

        // Codes and messages measured against libvirtd 9.0's QEMU driver (virsh migrate --migrateuri ...).
        [Theory]
        [InlineData("garbage", ErrorCode.InvalidArg, "invalid argument: missing scheme in migration URI: garbage")]
        [InlineData("", ErrorCode.InvalidArg, "invalid argument: missing scheme in migration URI: ")]
        [InlineData("tcp://", ErrorCode.InvalidArg, "invalid argument: missing host in migration URI: tcp://")]
        [InlineData("bogus://127.0.0.1:49152", ErrorCode.ArgumentUnsupported, "argument unsupported: unsupported scheme bogus in migration URI bogus://127.0.0.1:49152")]
        [InlineData("tcp://127.0.0.1:notaport", ErrorCode.InternalError, "internal error: Unable to parse URI tcp://127.0.0.1:notaport")]
        public async Task A_migrate_uri_libvirt_refuses_is_refused_and_the_guest_stays_on_the_source(string migrateUri, ErrorCode code, string message)
        {
            using var m = new PeerToPeer(migrateUri);
            var e = Assert.Throws<LibvirtException>(m.Perform);
            Assert.Equal(code, e.Code);
            Assert.Equal(message, e.Message);
            Assert.Equal(DomainState.Running, (await m.Source.Domains().GetAsync(m.Guest, None)).State);
            Assert.Empty(await m.Destination.Domains().ListAsync(None));

            // The same check guards Prepare when the client drives the phases itself.
            var prepare = await Assert.ThrowsAsync<LibvirtException>(() => m.Destination.Migration().PrepareAsync(m.Parameters, Array.Empty<byte>(), Live, None));
            Assert.Equal(message, prepare.Message);
        }

        [Theory]
        [InlineData("tcp://127.0.0.1:49152")]
        [InlineData("tcp://[::1]:49152")]
        [InlineData("tcp:somehost")]
        [InlineData("rdma://10.0.0.2")]
        [InlineData("unix:///run/migrate.sock")]
        public async Task A_migrate_uri_libvirt_accepts_is_accepted(string migrateUri)
        {
            using var m = new PeerToPeer(migrateUri);
            m.Perform();
            Assert.Equal(DomainState.Running, (await m.Destination.Domains().LookupByNameAsync("ro", None)).State);
        }

        /// <summary>A running guest on a fresh source host, an empty destination, and a P2P migration with this migrate URI.</summary>
        private sealed class PeerToPeer : IDisposable
        {
            private readonly IHypervisorDriver _readOnly;
            private readonly string _destinationUri = "test:///ro-dst-" + Guid.NewGuid().ToString("N");

            public PeerToPeer(string migrateUri)
            {
                (Source, _readOnly, Guest) = Host();
                Destination = TestDriver.Open(LibvirtUri.Parse(_destinationUri));
                Parameters = new TypedParameterList(new[] { TypedParameter.String("migrate_uri", migrateUri) });
            }

            public IHypervisorDriver Source { get; }
            public IHypervisorDriver Destination { get; }
            public DomainIdentity Guest { get; }
            public TypedParameterList Parameters { get; }

            public void Perform() => Source.Migration().PerformAsync(Guest, _destinationUri, Parameters, Array.Empty<byte>(), Live | PeerToPeerFlag, None).GetAwaiter().GetResult();

            public void Dispose()
            {
                Source.Dispose();
                _readOnly.Dispose();
                Destination.Dispose();
            }
        }
    }
}
