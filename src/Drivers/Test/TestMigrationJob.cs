using System;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Drivers.Test
{
    /// <summary>
    /// A simulated outgoing migration: the domain's memory moves at the requested bandwidth (quickly when none
    /// is set), so that progress, job statistics, live tuning and abort behave as on a real host. Time comes
    /// from the host's <see cref="ITestClock"/>, and waiting between steps holds no thread.
    /// </summary>
    internal sealed class TestMigrationJob
    {
        /// <summary>Without a bandwidth cap the simulated link moves 4 GiB/s: migrations finish in a blink.</summary>
        private const double UnlimitedBytesPerSecond = 4.0 * 1024 * 1024 * 1024;
        private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

        private readonly object _sync = new object();
        private readonly ITestClock _clock;
        private readonly TimeSpan _started;
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();
        private double _processed;
        private double _bytesPerSecond;
        private ulong _iteration;
        private bool _aborted;
        private bool _postcopy;

        public TestMigrationJob(ITestClock clock, ulong totalBytes, ulong bandwidthMiBps, bool wasRunning)
        {
            _clock = clock;
            _started = clock.Now;
            TotalBytes = totalBytes;
            WasRunning = wasRunning;
            SetBandwidth(bandwidthMiBps);
        }

        public ulong TotalBytes { get; }

        /// <summary>Whether the domain ran before the migration, so a cancelled migration resumes it.</summary>
        public bool WasRunning { get; }

        public ulong MaxDowntimeMs { get; set; } = 300;

        public bool PostcopyAllowed { get; set; }

        public void SetBandwidth(ulong mibps)
        {
            lock (_sync) _bytesPerSecond = mibps == 0 ? UnlimitedBytesPerSecond : mibps * 1048576.0;
        }

        public void StartPostcopy()
        {
            lock (_sync)
            {
                if (!PostcopyAllowed)
                    throw LibvirtException.OperationInvalid("switching to post-copy requires migration to be started with the Postcopy flag", ErrorDomain.Test);
                _postcopy = true;
            }
        }

        /// <summary>Ends the transfer at once, whatever the clock says.</summary>
        public void Abort()
        {
            lock (_sync) _aborted = true;
            _abort.Cancel();
        }

        /// <summary>Moves the data; completes when done, fails with OperationAborted when aborted or cancelled.</summary>
        public async Task TransferAsync(CancellationToken cancellationToken)
        {
            var last = _clock.Now;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
            while (true)
            {
                lock (_sync)
                {
                    if (_aborted || cancellationToken.IsCancellationRequested)
                        throw new LibvirtException(ErrorCode.OperationAborted, ErrorDomain.Test, "operation aborted: migration out job: canceled by client");
                    var now = _clock.Now;
                    // Post-copy hands the rest of memory over at once: the destination pulls pages on demand.
                    _processed = _postcopy ? TotalBytes : Math.Min(TotalBytes, _processed + _bytesPerSecond * (now - last).TotalSeconds);
                    last = now;
                    _iteration = 1;
                    if (_processed >= TotalBytes) return;
                }
                // Cancellation ends the wait early; the check at the top of the loop turns it into the abort error.
                try { await _clock.Delay(Tick, stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }

        public TestJobSnapshot Snapshot() => Snapshot(DomainJobType.Unbounded, success: null, error: null);

        public TestJobSnapshot Snapshot(DomainJobType type, bool? success, string? error)
        {
            lock (_sync)
            {
                var processed = (ulong)_processed;
                var elapsedMs = (ulong)(_clock.Now - _started).TotalMilliseconds;
                var bps = elapsedMs == 0 ? 0 : (ulong)Math.Min(_bytesPerSecond, processed * 1000.0 / elapsedMs);
                var stats = new TypedParameterList
                {
                    TypedParameter.Int(JobStatisticKeys.Operation, (int)DomainJobOperation.MigrationOut),
                    TypedParameter.ULLong(JobStatisticKeys.TimeElapsed, elapsedMs),
                    TypedParameter.ULLong(JobStatisticKeys.Downtime, MaxDowntimeMs),
                    TypedParameter.ULLong(JobStatisticKeys.DataTotal, TotalBytes),
                    TypedParameter.ULLong(JobStatisticKeys.DataProcessed, processed),
                    TypedParameter.ULLong(JobStatisticKeys.DataRemaining, TotalBytes - processed),
                    TypedParameter.ULLong(JobStatisticKeys.MemoryTotal, TotalBytes),
                    TypedParameter.ULLong(JobStatisticKeys.MemoryProcessed, processed),
                    TypedParameter.ULLong(JobStatisticKeys.MemoryRemaining, TotalBytes - processed),
                    TypedParameter.ULLong(JobStatisticKeys.MemoryBps, bps),
                    TypedParameter.ULLong(JobStatisticKeys.MemoryIteration, _iteration),
                };
                if (success.HasValue) stats.Add(TypedParameter.Boolean(JobStatisticKeys.Success, success.Value));
                if (error != null) stats.Add(TypedParameter.String(JobStatisticKeys.ErrorMessage, error));
                return new TestJobSnapshot(type, stats);
            }
        }
    }
}
