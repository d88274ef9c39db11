using System;
using System.Threading;
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
        private const string Xml = "<domain type='test'><name>ro</name><memory unit='MiB'>64</memory><vcpu>1</vcpu></domain>";

        private static (IHypervisorDriver ReadWrite, IHypervisorDriver ReadOnly, DomainIdentity Running) Host()
        {
            var uri = "test:///ro-" + Guid.NewGuid().ToString("N");
            var rw = TestDriver.Open(LibvirtUri.Parse(uri));
            var id = rw.DefineDomain(Xml, None).ToIdentity();
            rw.StartDomain(id, None);
            return (rw, TestDriver.Open(LibvirtUri.Parse(uri), readOnly: true), rw.GetDomain(id, None).ToIdentity());
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
        public void A_read_only_connection_refuses_every_change_with_libvirts_error(string change, string api)
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
                Assert.Equal(DomainState.Running, ro.GetDomain(id, None).State);
                Assert.Single(ro.ListDomains(None));
                Assert.Contains("<name>ro</name>", ro.GetDomainXml(id, inactive: true, None));
            }
        }

        private static void Do(IHypervisorDriver d, string change, DomainIdentity id)
        {
            var none = new TypedParameterList(Array.Empty<TypedParameter>());
            switch (change)
            {
                case "define": d.DefineDomain(Xml.Replace("<name>ro</name>", "<name>other</name>"), None); break;
                case "create": d.CreateDomain(Xml.Replace("<name>ro</name>", "<name>other</name>"), None); break;
                case "start": d.StartDomain(id, None); break;
                case "shutdown": d.ShutdownDomain(id, None); break;
                case "destroy": d.DestroyDomain(id, None); break;
                case "reboot": d.RebootDomain(id, None); break;
                case "suspend": d.SuspendDomain(id, None); break;
                case "resume": d.ResumeDomain(id, None); break;
                case "undefine": d.UndefineDomain(id, None); break;
                case "abort job": d.AbortJob(id, None); break;
                case "migrate begin": d.Migration.Begin(id, none, Live, None); break;
                case "migrate prepare": d.Migration.Prepare(none, Array.Empty<byte>(), Live, None); break;
                case "migrate perform": d.Migration.Perform(id, "test:///elsewhere", none, Array.Empty<byte>(), Live | PeerToPeerFlag, None); break;
                case "migrate finish": d.Migration.Finish(none, Array.Empty<byte>(), Live, cancelled: true, None); break;
                case "migrate confirm": d.Migration.Confirm(id, none, Array.Empty<byte>(), Live, cancelled: true, None); break;
                case "set max speed": d.Migration.SetMaxSpeed(id, 10, postcopy: false, None); break;
                case "set max downtime": d.Migration.SetMaxDowntime(id, 10, None); break;
                case "start post-copy": d.Migration.StartPostCopy(id, None); break;
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
        public void A_migrate_uri_libvirt_refuses_is_refused_and_the_guest_stays_on_the_source(string migrateUri, ErrorCode code, string message)
        {
            using var m = new PeerToPeer(migrateUri);
            var e = Assert.Throws<LibvirtException>(m.Perform);
            Assert.Equal(code, e.Code);
            Assert.Equal(message, e.Message);
            Assert.Equal(DomainState.Running, m.Source.GetDomain(m.Guest, None).State);
            Assert.Empty(m.Destination.ListDomains(None));

            // The same check guards Prepare when the client drives the phases itself.
            var prepare = Assert.Throws<LibvirtException>(() => m.Destination.Migration.Prepare(m.Parameters, Array.Empty<byte>(), Live, None));
            Assert.Equal(message, prepare.Message);
        }

        [Theory]
        [InlineData("tcp://127.0.0.1:49152")]
        [InlineData("tcp://[::1]:49152")]
        [InlineData("tcp:somehost")]
        [InlineData("rdma://10.0.0.2")]
        [InlineData("unix:///run/migrate.sock")]
        public void A_migrate_uri_libvirt_accepts_is_accepted(string migrateUri)
        {
            using var m = new PeerToPeer(migrateUri);
            m.Perform();
            Assert.Equal(DomainState.Running, m.Destination.LookupByName("ro", None).State);
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

            public void Perform() => Source.Migration.Perform(Guest, _destinationUri, Parameters, Array.Empty<byte>(), Live | PeerToPeerFlag, None);

            public void Dispose()
            {
                Source.Dispose();
                _readOnly.Dispose();
                Destination.Dispose();
            }
        }
    }
}
