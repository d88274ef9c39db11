using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>The embedded test driver's migration phases, driven as libvirt's v3 protocol drives them.</summary>
    public class TestMigrationTests
    {
        private const uint Live = 0x1, PeerToPeer = 0x2, PersistDestination = 0x8, UndefineSource = 0x10, Paused = 0x20, ChangeProtection = 0x100, Offline = 0x400;
        private static readonly CancellationToken None = CancellationToken.None;

        private sealed class Pair : IDisposable
        {
            public IHypervisorDriver Src = TestDriverTests.NewHost();
            public string SrcUri;
            public IHypervisorDriver Dst;
            public string DstUri;
            public Pair() { Dst = TestDriverTests.NewHost(out DstUri); SrcUri = Src.Uri.OriginalString; }
            public void Dispose() { Src.Dispose(); Dst.Dispose(); }
        }

        private static DomainIdentity Running(IHypervisorDriver d, string name = "mig", int memoryMiB = 64, bool start = true)
        {
            var id = d.DefineDomain($"<domain type='test'><name>{name}</name><memory unit='MiB'>{memoryMiB}</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>", None).ToIdentity();
            if (start) d.StartDomain(id, None);
            return d.GetDomain(id, None).ToIdentity();
        }

        private static TypedParameterList Params(params TypedParameter[] p) => new TypedParameterList(p);

        private static TypedParameterList With(TypedParameterList list, TypedParameter p) => new TypedParameterList(list.Where(x => x.Field != p.Field).Append(p));

        /// <summary>Begin, Prepare, Perform, Finish, Confirm, as virDomainMigrateVersion3Full runs them.</summary>
        private static VMDomain? Migrate(Pair p, DomainIdentity id, TypedParameterList parameters, uint flags)
        {
            var begin = p.Src.Migration.Begin(id, parameters, flags, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = p.Dst.Migration.Prepare(parameters, begin.Cookie, flags, None);
            byte[] perform;
            try
            {
                perform = p.Src.Migration.Perform(id, null, parameters, prepare.Cookie, flags, None);
            }
            catch (LibvirtException)
            {
                p.Dst.Migration.Finish(parameters, Array.Empty<byte>(), flags, cancelled: true, None);
                p.Src.Migration.Confirm(id, parameters, Array.Empty<byte>(), flags, cancelled: true, None);
                throw;
            }
            var finish = p.Dst.Migration.Finish(parameters, perform, flags, cancelled: false, None);
            p.Src.Migration.Confirm(id, parameters, finish.Cookie, flags, cancelled: finish.Domain == null, None);
            return finish.Domain;
        }

        [Fact]
        public void Live_migration_moves_the_domain()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var moved = Migrate(p, id, Params(), Live);
            Assert.NotNull(moved);
            Assert.Equal("mig", moved!.Name);
            Assert.Equal(id.Uuid, moved.Uuid);
            Assert.Equal(DomainState.Running, moved.State);
            Assert.Equal("Migrated", moved.StateReason);
            Assert.False(moved.Persistent);
            // Source: the persistent domain stays defined, shut off because it migrated.
            var src = p.Src.GetDomain(id, None);
            Assert.Equal(DomainState.ShutOff, src.State);
            Assert.Equal("Migrated", src.StateReason);
            var done = p.Src.GetJobInfo(id, completed: true, None);
            Assert.Equal(DomainJobType.Completed, done.Type);
            Assert.True(done.Success);
            Assert.Equal(64UL * 1024 * 1024, done.DataTotal);
            Assert.Equal(done.DataTotal, done.DataProcessed);
            Assert.Equal(DomainJobType.None, p.Src.GetJobInfo(id, completed: false, None).Type);
        }

        [Fact]
        public void Persist_destination_and_undefine_source()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var moved = Migrate(p, id, Params(), Live | PersistDestination | UndefineSource);
            Assert.True(moved!.Persistent);
            Assert.True(p.Dst.LookupByName("mig", None).Persistent);
            Assert.Empty(p.Src.ListDomains(None));
        }

        [Fact]
        public void Transient_source_is_gone_after_migration()
        {
            using var p = new Pair();
            var id = p.Src.CreateDomain("<domain type='test'><name>t</name><memory unit='MiB'>32</memory><os><type>hvm</type></os></domain>", None).ToIdentity();
            Migrate(p, id, Params(), Live);
            Assert.Empty(p.Src.ListDomains(None));
            Assert.Equal(DomainState.Running, p.Dst.LookupByName("t", None).State);
        }

        [Fact]
        public void Paused_flag_leaves_destination_paused()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var moved = Migrate(p, id, Params(), Live | Paused);
            Assert.Equal(DomainState.Paused, moved!.State);
            Assert.Equal(DomainState.Paused, p.Dst.LookupByName("mig", None).State);
        }

        [Fact]
        public void Destination_name_renames_on_destination()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var moved = Migrate(p, id, Params(TypedParameter.String("destination_name", "renamed")), Live);
            Assert.Equal("renamed", moved!.Name);
            Assert.Equal(id.Uuid, p.Dst.LookupByName("renamed", None).Uuid);
            Assert.Throws<LibvirtException>(() => p.Dst.LookupByName("mig", None));
            Assert.Equal("mig", p.Src.GetDomain(id, None).Name);
        }

        [Fact]
        public void Non_live_migration_pauses_the_source_during_transfer_and_a_cancel_resumes_it()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var parameters = Params();
            var begin = p.Src.Migration.Begin(id, parameters, 0, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = p.Dst.Migration.Prepare(parameters, begin.Cookie, 0, None);
            var incoming = p.Dst.LookupByName("mig", None);
            Assert.Equal(DomainState.Paused, incoming.State);
            Assert.Equal("Migration", incoming.StateReason);
            var perform = p.Src.Migration.Perform(id, null, parameters, prepare.Cookie, 0, None);
            Assert.Equal(DomainState.Paused, p.Src.GetDomain(id, None).State);
            // Cancel after Perform: the destination drops its copy, the source runs again.
            var finish = p.Dst.Migration.Finish(parameters, perform, 0, cancelled: true, None);
            Assert.Null(finish.Domain);
            p.Src.Migration.Confirm(id, parameters, finish.Cookie, 0, cancelled: true, None);
            Assert.Empty(p.Dst.ListDomains(None));
            var src = p.Src.GetDomain(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal("MigrationCanceled", src.StateReason);
            Assert.Equal(DomainJobType.Cancelled, p.Src.GetJobInfo(id, true, None).Type);
        }

        [Fact]
        public void Cancel_after_prepare_leaves_domain_running_on_source()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var parameters = Params();
            var begin = p.Src.Migration.Begin(id, parameters, Live, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = p.Dst.Migration.Prepare(parameters, begin.Cookie, Live, None);
            // Perform never ran: libvirt's client passes Prepare's cookie on to Finish with cancelled set.
            var finish = p.Dst.Migration.Finish(parameters, prepare.Cookie, Live, cancelled: true, None);
            Assert.Null(finish.Domain);
            p.Src.Migration.Confirm(id, parameters, finish.Cookie, Live, cancelled: true, None);
            Assert.Empty(p.Dst.ListDomains(None));
            Assert.Equal(DomainState.Running, p.Src.GetDomain(id, None).State);
            // The job is over: a new migration can run.
            Assert.NotNull(Migrate(p, id, Params(), Live));
        }

        [Fact]
        public void Begin_of_inactive_domain_or_second_job_is_operation_invalid()
        {
            using var p = new Pair();
            var off = Running(p.Src, "off", start: false);
            Assert.Equal(ErrorCode.OperationInvalid, Assert.Throws<LibvirtException>(() => p.Src.Migration.Begin(off, Params(), Live, None)).Code);
            var on = Running(p.Src, "on");
            // With change protection Begin holds a migration job, as libvirt's QEMU driver does; a second one is refused.
            p.Src.Migration.Begin(on, Params(), Live | ChangeProtection, None);
            Assert.Equal(ErrorCode.OperationInvalid, Assert.Throws<LibvirtException>(() => p.Src.Migration.Begin(on, Params(), Live | ChangeProtection, None)).Code);
        }

        [Fact]
        public void Prepare_when_destination_already_runs_the_domain_is_operation_invalid()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var begin = p.Src.Migration.Begin(id, Params(), Live, None);
            p.Dst.CreateDomain(begin.Xml, None);
            var ex = Assert.Throws<LibvirtException>(() => p.Dst.Migration.Prepare(Params(TypedParameter.String("destination_xml", begin.Xml)), begin.Cookie, Live, None));
            Assert.Equal(ErrorCode.OperationInvalid, ex.Code);
        }

        [Fact]
        public void Peer_to_peer_runs_every_phase_from_perform()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            p.Src.Migration.Perform(id, p.DstUri, Params(), Array.Empty<byte>(), Live | PeerToPeer | PersistDestination, None);
            var moved = p.Dst.LookupByName("mig", None);
            Assert.Equal(DomainState.Running, moved.State);
            Assert.True(moved.Persistent);
            Assert.Equal(DomainState.ShutOff, p.Src.GetDomain(id, None).State);
            Assert.Equal(DomainJobType.Completed, p.Src.GetJobInfo(id, true, None).Type);
        }

        [Fact]
        public void Peer_to_peer_to_itself_or_a_non_test_uri_fails_and_domain_keeps_running()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            Assert.Equal(ErrorCode.OperationInvalid, Assert.Throws<LibvirtException>(() =>
                p.Src.Migration.Perform(id, p.SrcUri, Params(), Array.Empty<byte>(), Live | PeerToPeer, None)).Code);
            Assert.Equal(ErrorCode.OperationFailed, Assert.Throws<LibvirtException>(() =>
                p.Src.Migration.Perform(id, "qemu+ssh://host/system", Params(), Array.Empty<byte>(), Live | PeerToPeer, None)).Code);
            Assert.Equal(DomainState.Running, p.Src.GetDomain(id, None).State);
            Assert.Equal(DomainJobType.None, p.Src.GetJobInfo(id, false, None).Type);
        }

        [Fact]
        public void Peer_to_peer_prepare_failure_leaves_domain_running_on_source()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            // The destination has another domain by that name: Prepare fails.
            p.Dst.DefineDomain("<domain type='test'><name>mig</name><memory>1024</memory><os><type>hvm</type></os></domain>", None);
            Assert.Throws<LibvirtException>(() =>
                p.Src.Migration.Perform(id, p.DstUri, Params(), Array.Empty<byte>(), Live | PeerToPeer, None));
            var src = p.Src.GetDomain(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal(DomainJobType.Cancelled, p.Src.GetJobInfo(id, true, None).Type);
            Assert.Equal(DomainState.ShutOff, p.Dst.LookupByName("mig", None).State);
        }

        [Fact]
        public void Offline_migration_copies_the_definition_only()
        {
            using var p = new Pair();
            var id = Running(p.Src, start: false);
            var moved = Migrate(p, id, Params(), Offline | PersistDestination);
            Assert.NotNull(moved);
            var dst = p.Dst.LookupByName("mig", None);
            Assert.Equal(DomainState.ShutOff, dst.State);
            Assert.True(dst.Persistent);
            Assert.Equal(id.Uuid, dst.Uuid);
            Assert.Equal(DomainState.ShutOff, p.Src.GetDomain(id, None).State);
        }

        [Fact]
        public void Offline_peer_to_peer_with_undefine_source_moves_the_definition()
        {
            using var p = new Pair();
            var id = Running(p.Src, start: false);
            p.Src.Migration.Perform(id, p.DstUri, Params(), Array.Empty<byte>(), Offline | PeerToPeer | PersistDestination | UndefineSource, None);
            Assert.Equal(id.Uuid, p.Dst.LookupByName("mig", None).Uuid);
            Assert.Empty(p.Src.ListDomains(None));
        }

        [Fact]
        public void Offline_needs_persist_destination_and_excludes_live()
        {
            using var p = new Pair();
            var id = Running(p.Src, start: false);
            Assert.Equal(ErrorCode.OperationInvalid, Assert.Throws<LibvirtException>(() => p.Src.Migration.Begin(id, Params(), Offline, None)).Code);
            Assert.Equal(ErrorCode.OperationInvalid, Assert.Throws<LibvirtException>(() => p.Src.Migration.Begin(id, Params(), Offline | Live | PersistDestination, None)).Code);
        }

        [Fact]
        public void Bandwidth_limits_transfer_and_job_stats_show_progress()
        {
            using var p = new Pair();
            var id = Running(p.Src, memoryMiB: 256);
            var parameters = Params(TypedParameter.ULLong("bandwidth", 128));
            var clock = Stopwatch.StartNew();
            var migration = Task.Run(() => Migrate(p, id, parameters, Live));
            // Time from the job's start: on a loaded machine the task itself may start late.
            while (p.Src.GetJobInfo(id, false, None).Type == DomainJobType.None && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
            Thread.Sleep(1000);
            var mid = p.Src.GetJobInfo(id, completed: false, None);
            Assert.Equal(DomainJobType.Unbounded, mid.Type);
            Assert.Equal(256UL * 1024 * 1024, mid.DataTotal);
            Assert.InRange(mid.PercentComplete ?? -1, 10, 90);
            Assert.Equal(mid.DataTotal - mid.DataProcessed, mid.DataRemaining);
            Assert.InRange(mid.MemoryBps, 1UL, 128UL * 1024 * 1024);
            Assert.False(migration.IsCompleted);
            var moved = migration.GetAwaiter().GetResult();
            clock.Stop();
            Assert.NotNull(moved);
            Assert.InRange(clock.Elapsed.TotalSeconds, 1.7, 15.0);
            var done = p.Src.GetJobInfo(id, completed: true, None);
            Assert.Equal(DomainJobType.Completed, done.Type);
            Assert.Equal(100, done.PercentComplete);
            Assert.InRange(done.Elapsed.TotalSeconds, 1.7, 6.0);
        }

        [Fact]
        public void Abort_job_stops_perform_with_operation_aborted_and_domain_keeps_running()
        {
            using var p = new Pair();
            var id = Running(p.Src, memoryMiB: 256);
            var parameters = Params(TypedParameter.ULLong("bandwidth", 128));
            var migration = Task.Run(() => Migrate(p, id, parameters, Live));
            // Wait until the job exists.
            var wait = Stopwatch.StartNew();
            while (p.Src.GetJobInfo(id, false, None).Type == DomainJobType.None && wait.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(20);
            Thread.Sleep(200);
            p.Src.AbortJob(id, None);
            var ex = Assert.Throws<LibvirtException>(() => migration.GetAwaiter().GetResult());
            Assert.Equal(ErrorCode.OperationAborted, ex.Code);
            // The job's own clock: 256 MiB at 128 MiB/s would take 2 s; the abort ends it well before.
            Assert.True(p.Src.GetJobInfo(id, true, None).Elapsed < TimeSpan.FromSeconds(1.8), "the abort must end the transfer early");
            var src = p.Src.GetDomain(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal(DomainJobType.Cancelled, p.Src.GetJobInfo(id, true, None).Type);
            Assert.Empty(p.Dst.ListDomains(None));
        }

        [Fact]
        public void Cancellation_token_aborts_transfer()
        {
            using var p = new Pair();
            var id = Running(p.Src, memoryMiB: 256);
            var parameters = Params(TypedParameter.ULLong("bandwidth", 64));
            var begin = p.Src.Migration.Begin(id, parameters, Live, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = p.Dst.Migration.Prepare(parameters, begin.Cookie, Live, None);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var ex = Assert.Throws<LibvirtException>(() => p.Src.Migration.Perform(id, null, parameters, prepare.Cookie, Live, cts.Token));
            Assert.Equal(ErrorCode.OperationAborted, ex.Code);
        }

        [Fact]
        public void Failed_perform_restores_the_source_without_confirm()
        {
            // libvirt's client does not call Confirm after a failed Perform: the source must resume by itself.
            using var p = new Pair();
            var id = Running(p.Src, memoryMiB: 256);
            var parameters = Params(TypedParameter.ULLong("bandwidth", 64));
            var begin = p.Src.Migration.Begin(id, parameters, 0, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = p.Dst.Migration.Prepare(parameters, begin.Cookie, 0, None);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            Assert.Throws<LibvirtException>(() => p.Src.Migration.Perform(id, null, parameters, prepare.Cookie, 0, cts.Token));
            var src = p.Src.GetDomain(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal(DomainJobType.None, p.Src.GetJobInfo(id, false, None).Type);
            Assert.Equal(DomainJobType.Cancelled, p.Src.GetJobInfo(id, true, None).Type);
            // Finish with cancelled and no cookie (Perform produced none) removes the incoming domain.
            Assert.Null(p.Dst.Migration.Finish(parameters, Array.Empty<byte>(), 0, cancelled: true, None).Domain);
            Assert.Empty(p.Dst.ListDomains(None));
            // Nothing is left over: the domain migrates again.
            var q = new Pair();
            Assert.NotNull(Migrate(new Pair { Src = p.Src, SrcUri = p.SrcUri, Dst = q.Dst, DstUri = q.DstUri }, id, Params(), Live));
        }

        [Fact]
        public void Set_max_speed_without_job_is_operation_invalid()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            Assert.Equal(ErrorCode.OperationInvalid, Assert.Throws<LibvirtException>(() => p.Src.Migration.SetMaxSpeed(id, 10, false, None)).Code);
        }

        [Fact]
        public void Wrong_phase_cookie_is_invalid_arg()
        {
            using var p = new Pair();
            var id = Running(p.Src);
            var begin = p.Src.Migration.Begin(id, Params(), Live, None);
            var parameters = Params(TypedParameter.String("destination_xml", begin.Xml));
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => p.Src.Migration.Perform(id, null, parameters, begin.Cookie, Live, None)).Code);
            Assert.Equal(ErrorCode.InvalidArg, Assert.Throws<LibvirtException>(() => p.Dst.Migration.Prepare(parameters, new byte[] { 1, 2, 3 }, Live, None)).Code);
        }
    }
}
