using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Test;
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

        private static async Task<DomainIdentity> Running(IHypervisorDriver d, string name = "mig", int memoryMiB = 64, bool start = true)
        {
            var id = (await d.Domains().DefineAsync($"<domain type='test'><name>{name}</name><memory unit='MiB'>{memoryMiB}</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>", None)).ToIdentity();
            if (start) await d.Domains().StartAsync(id, None);
            return (await d.Domains().GetAsync(id, None)).ToIdentity();
        }

        private static TypedParameterList Params(params TypedParameter[] p) => new TypedParameterList(p);

        private static TypedParameterList With(TypedParameterList list, TypedParameter p) => new TypedParameterList(list.Where(x => x.Field != p.Field).Append(p));

        /// <summary>Begin, Prepare, Perform, Finish, Confirm, as virDomainMigrateVersion3Full runs them.</summary>
        private static async Task<VMDomain?> Migrate(Pair p, DomainIdentity id, TypedParameterList parameters, uint flags)
        {
            var begin = await p.Src.Migration().BeginAsync(id, parameters, flags, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = await p.Dst.Migration().PrepareAsync(parameters, begin.Cookie, flags, None);
            byte[] perform;
            try
            {
                perform = await p.Src.Migration().PerformAsync(id, null, parameters, prepare.Cookie, flags, None);
            }
            catch (LibvirtException)
            {
                await p.Dst.Migration().FinishAsync(parameters, Array.Empty<byte>(), flags, cancelled: true, None);
                await p.Src.Migration().ConfirmAsync(id, parameters, Array.Empty<byte>(), flags, cancelled: true, None);
                throw;
            }
            var finish = await p.Dst.Migration().FinishAsync(parameters, perform, flags, cancelled: false, None);
            await p.Src.Migration().ConfirmAsync(id, parameters, finish.Cookie, flags, cancelled: finish.Domain == null, None);
            return finish.Domain;
        }

        [Fact]
        public async Task Live_migration_moves_the_domain()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var moved = await Migrate(p, id, Params(), Live);
            Assert.NotNull(moved);
            Assert.Equal("mig", moved!.Name);
            Assert.Equal(id.Uuid, moved.Uuid);
            Assert.Equal(DomainState.Running, moved.State);
            Assert.Equal("Migrated", moved.StateReason);
            Assert.False(moved.Persistent);
            // Source: the persistent domain stays defined, shut off because it migrated.
            var src = await p.Src.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.ShutOff, src.State);
            Assert.Equal("Migrated", src.StateReason);
            var done = await p.Src.Domains().GetJobInfoAsync(id, completed: true, None);
            Assert.Equal(DomainJobType.Completed, done.Type);
            Assert.True(done.Success);
            Assert.Equal(64UL * 1024 * 1024, done.DataTotal);
            Assert.Equal(done.DataTotal, done.DataProcessed);
            Assert.Equal(DomainJobType.None, (await p.Src.Domains().GetJobInfoAsync(id, completed: false, None)).Type);
        }

        [Fact]
        public async Task Persist_destination_and_undefine_source()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var moved = await Migrate(p, id, Params(), Live | PersistDestination | UndefineSource);
            Assert.True(moved!.Persistent);
            Assert.True((await p.Dst.Domains().LookupByNameAsync("mig", None)).Persistent);
            Assert.Empty(await p.Src.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Transient_source_is_gone_after_migration()
        {
            using var p = new Pair();
            var id = (await p.Src.Domains().CreateAsync("<domain type='test'><name>t</name><memory unit='MiB'>32</memory><os><type>hvm</type></os></domain>", None)).ToIdentity();
            await Migrate(p, id, Params(), Live);
            Assert.Empty(await p.Src.Domains().ListAsync(None));
            Assert.Equal(DomainState.Running, (await p.Dst.Domains().LookupByNameAsync("t", None)).State);
        }

        [Fact]
        public async Task Paused_flag_leaves_destination_paused()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var moved = await Migrate(p, id, Params(), Live | Paused);
            Assert.Equal(DomainState.Paused, moved!.State);
            Assert.Equal(DomainState.Paused, (await p.Dst.Domains().LookupByNameAsync("mig", None)).State);
        }

        [Fact]
        public async Task Destination_name_renames_on_destination()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var moved = await Migrate(p, id, Params(TypedParameter.String("destination_name", "renamed")), Live);
            Assert.Equal("renamed", moved!.Name);
            Assert.Equal(id.Uuid, (await p.Dst.Domains().LookupByNameAsync("renamed", None)).Uuid);
            await Assert.ThrowsAsync<LibvirtException>(() => p.Dst.Domains().LookupByNameAsync("mig", None));
            Assert.Equal("mig", (await p.Src.Domains().GetAsync(id, None)).Name);
        }

        [Fact]
        public async Task Non_live_migration_pauses_the_source_during_transfer_and_a_cancel_resumes_it()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var parameters = Params();
            var begin = await p.Src.Migration().BeginAsync(id, parameters, 0, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = await p.Dst.Migration().PrepareAsync(parameters, begin.Cookie, 0, None);
            var incoming = await p.Dst.Domains().LookupByNameAsync("mig", None);
            Assert.Equal(DomainState.Paused, incoming.State);
            Assert.Equal("Migration", incoming.StateReason);
            var perform = await p.Src.Migration().PerformAsync(id, null, parameters, prepare.Cookie, 0, None);
            Assert.Equal(DomainState.Paused, (await p.Src.Domains().GetAsync(id, None)).State);
            // Cancel after Perform: the destination drops its copy, the source runs again.
            var finish = await p.Dst.Migration().FinishAsync(parameters, perform, 0, cancelled: true, None);
            Assert.Null(finish.Domain);
            await p.Src.Migration().ConfirmAsync(id, parameters, finish.Cookie, 0, cancelled: true, None);
            Assert.Empty(await p.Dst.Domains().ListAsync(None));
            var src = await p.Src.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal("MigrationCanceled", src.StateReason);
            Assert.Equal(DomainJobType.Cancelled, (await p.Src.Domains().GetJobInfoAsync(id, true, None)).Type);
        }

        [Fact]
        public async Task Cancel_after_prepare_leaves_domain_running_on_source()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var parameters = Params();
            var begin = await p.Src.Migration().BeginAsync(id, parameters, Live, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = await p.Dst.Migration().PrepareAsync(parameters, begin.Cookie, Live, None);
            // Perform never ran: libvirt's client passes Prepare's cookie on to Finish with cancelled set.
            var finish = await p.Dst.Migration().FinishAsync(parameters, prepare.Cookie, Live, cancelled: true, None);
            Assert.Null(finish.Domain);
            await p.Src.Migration().ConfirmAsync(id, parameters, finish.Cookie, Live, cancelled: true, None);
            Assert.Empty(await p.Dst.Domains().ListAsync(None));
            Assert.Equal(DomainState.Running, (await p.Src.Domains().GetAsync(id, None)).State);
            // The job is over: a new migration can run.
            Assert.NotNull(await Migrate(p, id, Params(), Live));
        }

        [Fact]
        public async Task Begin_of_inactive_domain_or_second_job_is_operation_invalid()
        {
            using var p = new Pair();
            var off = await Running(p.Src, "off", start: false);
            Assert.Equal(ErrorCode.OperationInvalid, (await Assert.ThrowsAsync<LibvirtException>(() => p.Src.Migration().BeginAsync(off, Params(), Live, None))).Code);
            var on = await Running(p.Src, "on");
            // With change protection Begin holds a migration job, as libvirt's QEMU driver does; a second one is refused.
            await p.Src.Migration().BeginAsync(on, Params(), Live | ChangeProtection, None);
            Assert.Equal(ErrorCode.OperationInvalid, (await Assert.ThrowsAsync<LibvirtException>(() => p.Src.Migration().BeginAsync(on, Params(), Live | ChangeProtection, None))).Code);
        }

        [Fact]
        public async Task Prepare_when_destination_already_runs_the_domain_is_operation_invalid()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var begin = await p.Src.Migration().BeginAsync(id, Params(), Live, None);
            await p.Dst.Domains().CreateAsync(begin.Xml, None);
            var ex = await Assert.ThrowsAsync<LibvirtException>(() => p.Dst.Migration().PrepareAsync(Params(TypedParameter.String("destination_xml", begin.Xml)), begin.Cookie, Live, None));
            Assert.Equal(ErrorCode.OperationInvalid, ex.Code);
        }

        [Fact]
        public async Task Peer_to_peer_runs_every_phase_from_perform()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            await p.Src.Migration().PerformAsync(id, p.DstUri, Params(), Array.Empty<byte>(), Live | PeerToPeer | PersistDestination, None);
            var moved = await p.Dst.Domains().LookupByNameAsync("mig", None);
            Assert.Equal(DomainState.Running, moved.State);
            Assert.True(moved.Persistent);
            Assert.Equal(DomainState.ShutOff, (await p.Src.Domains().GetAsync(id, None)).State);
            Assert.Equal(DomainJobType.Completed, (await p.Src.Domains().GetJobInfoAsync(id, true, None)).Type);
        }

        [Fact]
        public async Task Peer_to_peer_to_itself_or_a_non_test_uri_fails_and_domain_keeps_running()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            Assert.Equal(ErrorCode.OperationInvalid, (await Assert.ThrowsAsync<LibvirtException>(() =>
                p.Src.Migration().PerformAsync(id, p.SrcUri, Params(), Array.Empty<byte>(), Live | PeerToPeer, None))).Code);
            Assert.Equal(ErrorCode.OperationFailed, (await Assert.ThrowsAsync<LibvirtException>(() =>
                p.Src.Migration().PerformAsync(id, "qemu+ssh://host/system", Params(), Array.Empty<byte>(), Live | PeerToPeer, None))).Code);
            Assert.Equal(DomainState.Running, (await p.Src.Domains().GetAsync(id, None)).State);
            Assert.Equal(DomainJobType.None, (await p.Src.Domains().GetJobInfoAsync(id, false, None)).Type);
        }

        [Fact]
        public async Task Peer_to_peer_prepare_failure_leaves_domain_running_on_source()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            // The destination has another domain by that name: Prepare fails.
            await p.Dst.Domains().DefineAsync("<domain type='test'><name>mig</name><memory>1024</memory><os><type>hvm</type></os></domain>", None);
            await Assert.ThrowsAsync<LibvirtException>(() =>
                p.Src.Migration().PerformAsync(id, p.DstUri, Params(), Array.Empty<byte>(), Live | PeerToPeer, None));
            var src = await p.Src.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal(DomainJobType.Cancelled, (await p.Src.Domains().GetJobInfoAsync(id, true, None)).Type);
            Assert.Equal(DomainState.ShutOff, (await p.Dst.Domains().LookupByNameAsync("mig", None)).State);
        }

        [Fact]
        public async Task Offline_migration_copies_the_definition_only()
        {
            using var p = new Pair();
            var id = await Running(p.Src, start: false);
            var moved = await Migrate(p, id, Params(), Offline | PersistDestination);
            Assert.NotNull(moved);
            var dst = await p.Dst.Domains().LookupByNameAsync("mig", None);
            Assert.Equal(DomainState.ShutOff, dst.State);
            Assert.True(dst.Persistent);
            Assert.Equal(id.Uuid, dst.Uuid);
            Assert.Equal(DomainState.ShutOff, (await p.Src.Domains().GetAsync(id, None)).State);
        }

        [Fact]
        public async Task Offline_peer_to_peer_with_undefine_source_moves_the_definition()
        {
            using var p = new Pair();
            var id = await Running(p.Src, start: false);
            await p.Src.Migration().PerformAsync(id, p.DstUri, Params(), Array.Empty<byte>(), Offline | PeerToPeer | PersistDestination | UndefineSource, None);
            Assert.Equal(id.Uuid, (await p.Dst.Domains().LookupByNameAsync("mig", None)).Uuid);
            Assert.Empty(await p.Src.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Offline_needs_persist_destination_and_excludes_live()
        {
            using var p = new Pair();
            var id = await Running(p.Src, start: false);
            Assert.Equal(ErrorCode.OperationInvalid, (await Assert.ThrowsAsync<LibvirtException>(() => p.Src.Migration().BeginAsync(id, Params(), Offline, None))).Code);
            Assert.Equal(ErrorCode.OperationInvalid, (await Assert.ThrowsAsync<LibvirtException>(() => p.Src.Migration().BeginAsync(id, Params(), Offline | Live | PersistDestination, None))).Code);
        }

        /// <summary>Only keeps a broken test from hanging; no assertion depends on how fast the machine is.</summary>
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
        private const ulong MiB = 1024 * 1024;

        /// <summary>The source host simulates in time that moves only when the test says so.</summary>
        private static ManualTestClock ManualClock(Pair p)
        {
            var clock = new ManualTestClock();
            TestDriver.UseClock(p.SrcUri, clock);
            return clock;
        }

        /// <summary>Moves the clock on and waits until the transfer waits on it again.</summary>
        private static void Step(ManualTestClock clock, TimeSpan by)
        {
            clock.Advance(by);
            Assert.True(clock.WaitForWaiters(1, Guard), "the transfer goes on waiting on the host's clock");
        }

        [Fact]
        public async Task Bandwidth_limits_transfer_and_job_stats_show_progress()
        {
            using var p = new Pair();
            var clock = ManualClock(p);
            var id = await Running(p.Src, memoryMiB: 256);
            var migration = Migrate(p, id, Params(TypedParameter.ULLong("bandwidth", 128)), Live);
            Assert.True(clock.WaitForWaiters(1, Guard), "the transfer waits on the host's clock");
            Step(clock, TimeSpan.FromSeconds(1));
            // 1 s at 128 MiB/s of 256 MiB: exactly half.
            var mid = await p.Src.Domains().GetJobInfoAsync(id, completed: false, None);
            Assert.Equal(DomainJobType.Unbounded, mid.Type);
            Assert.Equal(256 * MiB, mid.DataTotal);
            Assert.Equal(128 * MiB, mid.DataProcessed);
            Assert.Equal(mid.DataTotal - mid.DataProcessed, mid.DataRemaining);
            Assert.Equal(50, mid.PercentComplete);
            Assert.Equal(128 * MiB, mid.MemoryBps);
            Assert.Equal(TimeSpan.FromSeconds(1), mid.Elapsed);
            Assert.False(migration.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(1));
            var moved = await migration;
            Assert.NotNull(moved);
            var done = await p.Src.Domains().GetJobInfoAsync(id, completed: true, None);
            Assert.Equal(DomainJobType.Completed, done.Type);
            Assert.Equal(100, done.PercentComplete);
            Assert.Equal(TimeSpan.FromSeconds(2), done.Elapsed);
        }

        [Fact]
        public async Task Abort_job_stops_perform_with_operation_aborted_and_domain_keeps_running()
        {
            using var p = new Pair();
            var clock = ManualClock(p);
            var id = await Running(p.Src, memoryMiB: 256);
            var migration = Migrate(p, id, Params(TypedParameter.ULLong("bandwidth", 128)), Live);
            Assert.True(clock.WaitForWaiters(1, Guard), "the transfer waits on the host's clock");
            Step(clock, TimeSpan.FromMilliseconds(500));
            // The abort ends the wait at once: the clock does not move again.
            await p.Src.Domains().AbortJobAsync(id, None);
            var ex = await Assert.ThrowsAsync<LibvirtException>(() => migration);
            Assert.Equal(ErrorCode.OperationAborted, ex.Code);
            // The job's own clock: 256 MiB at 128 MiB/s would take 2 s; it ended at 0.5 s with a quarter moved.
            var cancelled = await p.Src.Domains().GetJobInfoAsync(id, true, None);
            Assert.Equal(DomainJobType.Cancelled, cancelled.Type);
            Assert.Equal(TimeSpan.FromMilliseconds(500), cancelled.Elapsed);
            Assert.Equal(64 * MiB, cancelled.DataProcessed);
            var src = await p.Src.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Empty(await p.Dst.Domains().ListAsync(None));
        }

        [Fact]
        public async Task Cancellation_token_aborts_transfer()
        {
            using var p = new Pair();
            var clock = ManualClock(p);
            var id = await Running(p.Src, memoryMiB: 256);
            var parameters = Params(TypedParameter.ULLong("bandwidth", 64));
            var begin = await p.Src.Migration().BeginAsync(id, parameters, Live, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = await p.Dst.Migration().PrepareAsync(parameters, begin.Cookie, Live, None);
            using var cts = new CancellationTokenSource();
            var perform = p.Src.Migration().PerformAsync(id, null, parameters, prepare.Cookie, Live, cts.Token);
            Assert.True(clock.WaitForWaiters(1, Guard), "the transfer waits on the host's clock");
            cts.Cancel();
            var ex = await Assert.ThrowsAsync<LibvirtException>(() => perform);
            Assert.Equal(ErrorCode.OperationAborted, ex.Code);
        }

        [Fact]
        public async Task Failed_perform_restores_the_source_without_confirm()
        {
            // libvirt's client does not call Confirm after a failed Perform: the source must resume by itself.
            using var p = new Pair();
            var clock = ManualClock(p);
            var id = await Running(p.Src, memoryMiB: 256);
            var parameters = Params(TypedParameter.ULLong("bandwidth", 64));
            var begin = await p.Src.Migration().BeginAsync(id, parameters, 0, None);
            parameters = With(parameters, TypedParameter.String("destination_xml", begin.Xml));
            var prepare = await p.Dst.Migration().PrepareAsync(parameters, begin.Cookie, 0, None);
            using var cts = new CancellationTokenSource();
            var perform = p.Src.Migration().PerformAsync(id, null, parameters, prepare.Cookie, 0, cts.Token);
            Assert.True(clock.WaitForWaiters(1, Guard), "the transfer waits on the host's clock");
            Step(clock, TimeSpan.FromMilliseconds(300));
            cts.Cancel();
            await Assert.ThrowsAsync<LibvirtException>(() => perform);
            var src = await p.Src.Domains().GetAsync(id, None);
            Assert.Equal(DomainState.Running, src.State);
            Assert.Equal(DomainJobType.None, (await p.Src.Domains().GetJobInfoAsync(id, false, None)).Type);
            Assert.Equal(DomainJobType.Cancelled, (await p.Src.Domains().GetJobInfoAsync(id, true, None)).Type);
            // Finish with cancelled and no cookie (Perform produced none) removes the incoming domain.
            Assert.Null((await p.Dst.Migration().FinishAsync(parameters, Array.Empty<byte>(), 0, cancelled: true, None)).Domain);
            Assert.Empty(await p.Dst.Domains().ListAsync(None));
            // Nothing is left over: the domain migrates again (unlimited, 4 GiB/s: done within a second of the clock).
            using var q = new Pair();
            var again = Migrate(new Pair { Src = p.Src, SrcUri = p.SrcUri, Dst = q.Dst, DstUri = q.DstUri }, id, Params(), Live);
            Assert.True(clock.WaitForWaiters(1, Guard), "the transfer waits on the host's clock");
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.NotNull(await again);
        }

        [Fact]
        public async Task Set_max_speed_without_job_is_operation_invalid()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            Assert.Equal(ErrorCode.OperationInvalid, (await Assert.ThrowsAsync<LibvirtException>(() => p.Src.Migration().SetMaxSpeedAsync(id, 10, false, None))).Code);
        }

        [Fact]
        public async Task Wrong_phase_cookie_is_invalid_arg()
        {
            using var p = new Pair();
            var id = await Running(p.Src);
            var begin = await p.Src.Migration().BeginAsync(id, Params(), Live, None);
            var parameters = Params(TypedParameter.String("destination_xml", begin.Xml));
            Assert.Equal(ErrorCode.InvalidArg, (await Assert.ThrowsAsync<LibvirtException>(() => p.Src.Migration().PerformAsync(id, null, parameters, begin.Cookie, Live, None))).Code);
            Assert.Equal(ErrorCode.InvalidArg, (await Assert.ThrowsAsync<LibvirtException>(() => p.Dst.Migration().PrepareAsync(parameters, new byte[] { 1, 2, 3 }, Live, None))).Code);
        }
    }
}
