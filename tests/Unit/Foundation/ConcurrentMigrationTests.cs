using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Drivers.Test;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Migration;
using Libvirt.Engine.Model;
using Xunit;

namespace Libvirt.Tests.Unit.Foundation
{
    /// <summary>Thread counts are only meaningful when no other test runs at the same time.</summary>
    [CollectionDefinition(nameof(ThreadCountCollection), DisableParallelization = true)]
    public sealed class ThreadCountCollection { }

    /// <summary>
    /// Many migrations at once (what 50 Move-VMDomain -AsJob do) hold no thread while their data moves: the
    /// engine awaits the drivers and the test driver waits on its clock, so the thread pool stays as it was.
    /// </summary>
    [Collection(nameof(ThreadCountCollection))]
    public class ConcurrentMigrationTests
    {
        private const int Migrations = 50;
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task Fifty_concurrent_migrations_park_no_thread_pool_threads()
        {
            using var source = TestDriverTests.NewHost(out var sourceUri);
            using var destination = TestDriverTests.NewHost();
            var clock = new ManualTestClock();
            TestDriver.UseClock(sourceUri, clock);
            var domains = new DomainIdentity[Migrations];
            for (var i = 0; i < Migrations; i++)
            {
                var d = await source.Domains().DefineAsync($"<domain type='test'><name>m{i}</name><memory unit='MiB'>256</memory><os><type>hvm</type></os></domain>", CancellationToken.None);
                await source.Domains().StartAsync(d.ToIdentity(), CancellationToken.None);
                domains[i] = (await source.Domains().GetAsync(d.ToIdentity(), CancellationToken.None)).ToIdentity();
            }
            var threadsBefore = ThreadPool.ThreadCount;

            // 256 MiB at 128 MiB/s: each transfer needs 2 s of the source's clock, which does not move yet.
            var settings = new MigrationParameterSet().SetFlag(MigrationFlag.Live).Set(MigrationParameter.Bandwidth, 128UL);
            // Started from the pool, as MigrationJob starts them: blocking code would park one worker each.
            var migrations = domains.Select(d => Task.Run(() => new MigrationOrchestrator().MigrateAsync(
                new MigrationRequest(d, source.Migration(), settings.Clone()) { Destination = destination.Migration() }))).ToList();

            Assert.True(clock.WaitForWaiters(Migrations, Guard), $"all {Migrations} transfers wait on the clock ({clock.Waiters} do)");
            Assert.All(migrations, m => Assert.False(m.IsCompleted));
            // Blocking code would hold one worker per migration, and the pool would have had to add threads for them.
            // A few workers may be busy with what earlier tests left behind (closing sockets, timers); blocking
            // migrations would make it one per migration. Measured so: 53 busy workers when the transfer blocked.
            ThreadPool.GetMaxThreads(out var maxWorkers, out _);
            ThreadPool.GetAvailableThreads(out var availableWorkers, out _);
            Assert.True(maxWorkers - availableWorkers < Migrations / 5, $"{maxWorkers - availableWorkers} pool workers are busy");
            Assert.True(ThreadPool.ThreadCount - threadsBefore < Migrations / 5, $"the pool grew from {threadsBefore} to {ThreadPool.ThreadCount} threads");

            clock.Advance(TimeSpan.FromSeconds(2));
            var outcomes = await Task.WhenAll(migrations);
            Assert.All(outcomes, o => Assert.Equal(DomainState.Running, o.Domain!.State));
            Assert.Equal(Migrations, (await destination.Domains().ListAsync(CancellationToken.None)).Count);
        }
    }
}
