using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Libvirt.Engine.Model;
using Xunit;
using F = Libvirt.Engine.Migration.MigrationFlag;

namespace Libvirt.Tests.Unit.Migration
{
    public class MigrationOrchestratorTests
    {
        private readonly List<MigrationCall> _log = new List<MigrationCall>();
        private readonly FakeMigrationDriver _src;
        private readonly FakeMigrationDriver _dst;
        private static readonly DomainIdentity Web = new DomainIdentity("web", Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 3);

        public MigrationOrchestratorTests()
        {
            _src = new FakeMigrationDriver("src", _log);
            _dst = new FakeMigrationDriver("dst", _log);
        }

        private MigrationRequest Request(MigrationParameterSet set) => new MigrationRequest(Web, _src, set) { Destination = _dst };

        private static MigrationParameterSet Live() => new MigrationParameterSet().SetFlag(F.Live).SetFlag(F.PersistDestination);

        private string Sequence => string.Join(" ", _log);

        private MigrationCall Call(string driver, string phase) => _log.Single(c => c.Driver == driver && c.Phase == phase);

        [Fact]
        public async Task ManagedMigrationRunsTheFivePhasesPassingCookiesByteForByte()
        {
            var set = Live().Set(MigrationParameter.Bandwidth, 128);
            var lines = new List<string>();
            var request = Request(set);
            request.Log = lines.Add;
            var outcome = await new MigrationOrchestrator().MigrateAsync(request);

            Assert.Equal("src.Begin dst.Prepare src.Perform dst.Finish src.Confirm", Sequence);
            Assert.Equal(MigrationMode.Managed, outcome.Mode);
            Assert.Equal("web", outcome.Domain!.Name);
            Assert.Empty(outcome.Warnings);
            Assert.Empty(Call("src", "Begin").CookieIn);
            Assert.Equal(_src.BeginCookie, Call("dst", "Prepare").CookieIn);
            Assert.Equal(_dst.PrepareCookie, Call("src", "Perform").CookieIn);
            Assert.Equal(_src.PerformCookie, Call("dst", "Finish").CookieIn);
            Assert.Equal(_dst.FinishCookie, Call("src", "Confirm").CookieIn);
            Assert.False(Call("dst", "Finish").Cancelled);
            Assert.False(Call("src", "Confirm").Cancelled);
            Assert.Equal(new[] { "Begin on source", "Prepare on destination", "Perform on source", "Finish on destination", "Confirm on source" }, lines);
        }

        [Fact]
        public async Task ManagedMigrationRewritesParametersLikeLibvirtsClient()
        {
            var set = Live().Set(MigrationParameter.Bandwidth, 128).Set(MigrationParameter.MigrateUri, "tcp://user-choice");
            await new MigrationOrchestrator().MigrateAsync(Request(set));

            Assert.Null(Call("src", "Begin").Parameters.Find("destination_xml"));
            Assert.Equal(_src.BeginXml, Call("dst", "Prepare").Parameters.GetString("destination_xml"));
            Assert.Equal("tcp://user-choice", Call("dst", "Prepare").Parameters.GetString("migrate_uri"));
            // Prepare's URI replaces the caller's.
            Assert.Single(Call("src", "Perform").Parameters.FindAll("migrate_uri"));
            Assert.Equal(_dst.PrepareUri, Call("src", "Perform").Parameters.GetString("migrate_uri"));
            Assert.Null(Call("src", "Perform").DestinationUri);
            Assert.Equal("web", Call("dst", "Finish").Parameters.GetString("destination_name"));
            Assert.Equal(128UL, Call("dst", "Finish").Parameters.Find("bandwidth")!.Value);
        }

        [Fact]
        public async Task DestinationNameIsKeptWhenGiven()
        {
            var outcome = await new MigrationOrchestrator().MigrateAsync(Request(Live().Set(MigrationParameter.DestinationName, "web-new")));
            Assert.Equal("web-new", Call("dst", "Finish").Parameters.GetString("destination_name"));
            Assert.Single(Call("dst", "Finish").Parameters.FindAll("destination_name"));
            Assert.Equal("web-new", outcome.Domain!.Name);
        }

        [Fact]
        public async Task SourcePhasesGetChangeProtectionAndTheDestinationLosesSourceOnlyFlags()
        {
            var set = Live().SetFlag(F.AutoConverge).SetFlag(F.AbortOnError);
            await new MigrationOrchestrator().MigrateAsync(Request(set));
            var user = set.Flags;
            var protection = (uint)F.ChangeProtection;
            Assert.Equal(user | protection, Call("src", "Begin").Flags);
            Assert.Equal(user | protection, Call("src", "Perform").Flags);
            Assert.Equal(user | protection, Call("src", "Confirm").Flags);
            var destination = user & ~(uint)(F.AutoConverge | F.AbortOnError);
            Assert.Equal(destination, Call("dst", "Prepare").Flags);
            Assert.Equal(destination, Call("dst", "Finish").Flags);
        }

        [Fact]
        public async Task WithoutChangeProtectionSupportFlagsPassUnchanged()
        {
            var request = Request(Live());
            request.SourceSupportsChangeProtection = false;
            await new MigrationOrchestrator().MigrateAsync(request);
            Assert.Equal(Live().Flags, Call("src", "Begin").Flags);
        }

        [Fact]
        public async Task BeginFailsNothingElseIsSent()
        {
            _src.FailPhase = "Begin";
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live())));
            Assert.Contains("src Begin failed", e.Message);
            Assert.Equal("src.Begin", Sequence);
        }

        [Fact]
        public async Task PrepareFailsWithProtectionTheSourceIsConfirmedCancelled()
        {
            _dst.FailPhase = "Prepare";
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live())));
            Assert.Contains("dst Prepare failed", e.Message);
            Assert.Equal("src.Begin dst.Prepare src.Confirm(cancelled)", Sequence);
            Assert.Empty(Call("src", "Confirm").CookieIn);
        }

        [Fact]
        public async Task PrepareFailsWithoutProtectionNothingElseIsSent()
        {
            _dst.FailPhase = "Prepare";
            var request = Request(Live());
            request.SourceSupportsChangeProtection = false;
            await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(request));
            Assert.Equal("src.Begin dst.Prepare", Sequence);
        }

        [Fact]
        public async Task PerformFailsTheDestinationIsFinishedCancelledAndTheSourceIsNotConfirmed()
        {
            _src.FailPhase = "Perform";
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live())));
            Assert.Contains("src Perform failed", e.Message);
            Assert.Equal("src.Begin dst.Prepare src.Perform dst.Finish(cancelled)", Sequence);
            Assert.Empty(Call("dst", "Finish").CookieIn);
        }

        [Fact]
        public async Task FinishReturnsNoDomainTheSourceIsConfirmedCancelled()
        {
            _dst.FinishReturnsDomain = false;
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live())));
            Assert.Equal(ErrorCode.OperationFailed, e.Code);
            Assert.Equal("src.Begin dst.Prepare src.Perform dst.Finish src.Confirm(cancelled)", Sequence);
            Assert.Equal(_dst.FinishCookie, Call("src", "Confirm").CookieIn);
        }

        [Fact]
        public async Task FinishFailsTheSourceIsConfirmedCancelledAndFinishsErrorIsReported()
        {
            _dst.FailPhase = "Finish";
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live())));
            Assert.Contains("dst Finish failed", e.Message);
            Assert.Equal("src.Begin dst.Prepare src.Perform dst.Finish src.Confirm(cancelled)", Sequence);
            Assert.Empty(Call("src", "Confirm").CookieIn);
        }

        [Fact]
        public async Task ConfirmFailingAfterSuccessIsAWarning()
        {
            _src.FailPhase = "Confirm";
            var outcome = await new MigrationOrchestrator().MigrateAsync(Request(Live()));
            Assert.NotNull(outcome.Domain);
            Assert.Contains(outcome.Warnings, w => w.Contains("left paused"));
        }

        [Fact]
        public async Task PrepareWithoutAnyUriFinishesAndConfirmsCancelled()
        {
            _dst.PrepareUri = null;
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live())));
            Assert.Equal(ErrorCode.InternalError, e.Code);
            Assert.Contains("did not set uri", e.Message);
            Assert.Equal("src.Begin dst.Prepare dst.Finish(cancelled) src.Confirm(cancelled)", Sequence);
            Assert.Equal(_dst.PrepareCookie, Call("dst", "Finish").CookieIn);
        }

        [Fact]
        public async Task PrepareWithoutUriUsesTheCallersUri()
        {
            _dst.PrepareUri = null;
            await new MigrationOrchestrator().MigrateAsync(Request(Live().Set(MigrationParameter.MigrateUri, "tcp://mine")));
            Assert.Equal("tcp://mine", Call("src", "Perform").Parameters.GetString("migrate_uri"));
        }

        [Fact]
        public async Task CancelledBeforeStartNothingIsSent()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live()), cts.Token));
            Assert.Empty(_log);
        }

        [Fact]
        public async Task CancelledAfterBeginTheSourceIsConfirmedCancelled()
        {
            using var cts = new CancellationTokenSource();
            _src.AfterBegin = cts.Cancel;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live()), cts.Token));
            Assert.Equal("src.Begin src.Confirm(cancelled)", Sequence);
        }

        [Fact]
        public async Task CancelledBetweenPrepareAndPerformBothSidesAreToldCancelled()
        {
            using var cts = new CancellationTokenSource();
            var request = Request(Live());
            request.Log = line => { if (line == "Prepare on destination") cts.Cancel(); };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new MigrationOrchestrator().MigrateAsync(request, cts.Token));
            Assert.Equal("src.Begin dst.Prepare dst.Finish(cancelled) src.Confirm(cancelled)", Sequence);
        }

        [Fact]
        public async Task CancelledDuringPerformAbortsThroughThePerformFailurePath()
        {
            using var cts = new CancellationTokenSource();
            _src.DuringPerform = ct => { cts.Cancel(); ct.ThrowIfCancellationRequested(); };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new MigrationOrchestrator().MigrateAsync(Request(Live()), cts.Token));
            Assert.Equal("src.Begin dst.Prepare src.Perform dst.Finish(cancelled)", Sequence);
        }

        [Fact]
        public async Task OfflineMigrationSkipsPerformAndFinishesWithAnEmptyCookie()
        {
            var set = new MigrationParameterSet().SetFlag(F.Offline).SetFlag(F.PersistDestination);
            var outcome = await new MigrationOrchestrator().MigrateAsync(Request(set));
            Assert.Equal("src.Begin dst.Prepare dst.Finish src.Confirm", Sequence);
            Assert.Empty(Call("dst", "Finish").CookieIn);
            Assert.False(Call("dst", "Finish").Cancelled);
            Assert.NotNull(outcome.Domain);
        }

        [Fact]
        public async Task PeerToPeerIsOnePerformWithTheDestinationUri()
        {
            var set = Live().SetFlag(F.PeerToPeer).Set(MigrationParameter.Bandwidth, 64);
            var request = new MigrationRequest(Web, _src, set) { DestinationUri = "qemu+tls://dst/system" };
            var outcome = await new MigrationOrchestrator().MigrateAsync(request);
            Assert.Equal("src.Perform", Sequence);
            var perform = Call("src", "Perform");
            Assert.Equal("qemu+tls://dst/system", perform.DestinationUri);
            Assert.Empty(perform.CookieIn);
            Assert.Equal(set.Flags, perform.Flags);
            Assert.Equal(64UL, perform.Parameters.Find("bandwidth")!.Value);
            Assert.Equal(MigrationMode.PeerToPeer, outcome.Mode);
            Assert.Null(outcome.Domain);
        }

        [Fact]
        public async Task PeerToPeerNeedsADestinationUri()
        {
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(new MigrationRequest(Web, _src, Live().SetFlag(F.PeerToPeer))));
            Assert.Equal(ErrorCode.InvalidArg, e.Code);
            Assert.Empty(_log);
        }

        [Fact]
        public async Task ManagedMigrationNeedsADestination()
        {
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(new MigrationRequest(Web, _src, Live())));
            Assert.Equal("Destination", e.Target);
            Assert.Empty(_log);
        }

        [Fact]
        public async Task InvalidParametersAreRefusedBeforeAnythingIsSent()
        {
            var set = Live().Set(MigrationParameter.CompressionMtLevel, 5);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(Request(set)));
            Assert.Contains("Turn multithread compression on to tune it", e.Message);
            Assert.Empty(_log);
        }

        [Fact]
        public async Task AnOlderDestinationIsRefusedBeforeAnythingIsSent()
        {
            var request = Request(Live().Set(MigrationParameter.BandwidthAvailSwitchover, 1000));
            request.SourceVersion = new Version(11, 7, 0);
            request.DestinationVersion = new Version(10, 0, 0);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(request));
            Assert.Equal(ErrorCode.ArgumentUnsupported, e.Code);
            Assert.Contains("destination host", e.Message);
            Assert.Empty(_log);
        }

        [Fact]
        public async Task AChoiceTheHostsQemuNoLongerHasIsRefusedBeforeAnythingIsSent()
        {
            var set = Live().SetFlag(F.Compressed).Set(MigrationParameter.Compression, new[] { "mt" });
            var request = Request(set);
            request.SourceQemuVersion = new Version(7, 2, 22);
            request.DestinationQemuVersion = new Version(10, 0, 13);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(request));
            Assert.Equal(ErrorCode.ArgumentUnsupported, e.Code);
            Assert.Equal("argument unsupported: compression method 'mt' is not supported by QEMU 10.0.13 on the destination host: QEMU 9.1 removed it", e.Message);
            Assert.Empty(_log);

            request.DestinationQemuVersion = new Version(9, 0, 0);   // before the removal: it goes ahead
            await new MigrationOrchestrator().MigrateAsync(request);
            Assert.NotEmpty(_log);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task PeerToPeerChecksParametersAgainstTheSourceOnlyWhetherOrNotTheDestinationIsConnected(bool destinationConnected)
        {
            // The source daemon drives a peer-to-peer migration and gives the destination only what it needs.
            var set = Live().SetFlag(F.PeerToPeer).Set(MigrationParameter.BandwidthAvailSwitchover, 1000);
            var request = new MigrationRequest(Web, _src, set) { DestinationUri = "test:///dst", SourceVersion = new Version(11, 7, 0) };
            if (destinationConnected) { request.Destination = _dst; request.DestinationVersion = new Version(10, 0, 0); }
            await new MigrationOrchestrator().MigrateAsync(request);
            Assert.Equal("src.Perform", Sequence);

            request.SourceVersion = new Version(10, 0, 0);
            var e = await Assert.ThrowsAsync<LibvirtException>(() => new MigrationOrchestrator().MigrateAsync(request));
            Assert.Equal(ErrorCode.ArgumentUnsupported, e.Code);
            Assert.Contains("source host", e.Message);
        }
    }
}
