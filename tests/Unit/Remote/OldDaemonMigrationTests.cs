using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Remote.Protocol;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Libvirt.Engine.Model;
using Libvirt.Engine.TypedParameters;
using Libvirt.Tests.Unit.Remote.Support;
using Xunit;

namespace Libvirt.Tests.Unit.Remote
{
    /// <summary>A daemon older than the migration *_PARAMS procedures is refused clearly, before anything moves.</summary>
    public sealed class OldDaemonMigrationTests : IDisposable
    {
        private static readonly DomainIdentity Guest = new DomainIdentity("guest", Guid.Parse("0a0b0c0d-1111-2222-3333-444455556666"), 3);
        private readonly FakeDaemon _daemon = new FakeDaemon();

        public void Dispose() => _daemon.Dispose();

        [Fact]
        public async Task Begin_on_a_daemon_without_params_procedures_is_a_clear_no_support()
        {
            var driver = await _daemon.OpenDriverAsync();
            var begin = Task.Run(() => driver.Migration().BeginAsync(Guest, new TypedParameterList(), (uint)MigrationFlag.Live, CancellationToken.None));
            var call = await _daemon.ExpectCallAsync(RemoteProcedure.DomainMigrateBegin3Params);
            await _daemon.ReplyErrorAsync(call, ErrorCode.Rpc, ErrorDomain.Rpc, "unknown procedure: 302");

            var e = await Assert.ThrowsAsync<LibvirtException>(() => begin);
            Assert.Equal(ErrorCode.NoSupport, e.Code);
            Assert.Contains("source host", e.Message);
            Assert.Contains("1.1.0", e.Message);
            Assert.Contains("Nothing was moved", e.Message);
        }

        [Fact]
        public async Task The_orchestrator_stops_at_the_refusing_destination_and_tells_the_source()
        {
            using var destinationDaemon = new FakeDaemon();
            var source = await _daemon.OpenDriverAsync();
            var destination = await destinationDaemon.OpenDriverAsync();
            var set = new MigrationParameterSet().SetFlag(MigrationFlag.Live);
            var request = new MigrationRequest(Guest, source.Migration(), set) { Destination = destination.Migration() };
            var run = Task.Run(() => new MigrationOrchestrator().MigrateAsync(request, CancellationToken.None));

            var begin = await _daemon.ExpectCallAsync(RemoteProcedure.DomainMigrateBegin3Params);
            await _daemon.ReplyAsync(begin, w => { w.WriteOpaque(new byte[] { 1, 2, 3 }, 4 * 1024 * 1024); w.WriteString("<domain/>"); });
            var prepare = await destinationDaemon.ExpectCallAsync(RemoteProcedure.DomainMigratePrepare3Params);
            await destinationDaemon.ReplyErrorAsync(prepare, ErrorCode.Rpc, ErrorDomain.Rpc, "unknown procedure: 303");
            // With change protection the source holds a job since Begin: it is told the migration is off.
            var confirm = await _daemon.ExpectCallAsync(RemoteProcedure.DomainMigrateConfirm3Params);
            await _daemon.ReplyAsync(confirm, _ => { });

            var e = await Assert.ThrowsAsync<LibvirtException>(() => run);
            Assert.Equal(ErrorCode.NoSupport, e.Code);
            Assert.Contains("destination host", e.Message);
        }
    }
}
