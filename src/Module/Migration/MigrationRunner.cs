using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Migration;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// Runs one migration and reports on it: while the orchestrator runs, the source's job statistics are read
    /// about twice a second and turned into progress records. <see cref="Run"/> reports on the calling (pipeline)
    /// thread, so a cmdlet can write from the callbacks; <see cref="RunAsync"/> (for -AsJob) reports from wherever
    /// it resumes. Neither holds a thread while the migration waits, so many -AsJob migrations cost no threads.
    /// </summary>
    internal sealed class MigrationRunner
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
        private static readonly TimeSpan StatisticsTimeout = TimeSpan.FromSeconds(5);
        private readonly MigrationRequest _request;
        private readonly IDomainDriver _source;
        private readonly string _activity;
        private readonly int _activityId;

        public MigrationRunner(MigrationRequest request, IDomainDriver source, string domainName, string destination, int activityId)
        {
            _request = request;
            _source = source;
            _activity = $"Migrating domain '{domainName}' to {destination}";
            _activityId = activityId;
        }

        public MigrationOutcome Run(Action<ProgressRecord> progress, Action<string> verbose, CancellationToken cancellationToken) =>
            PipelineThread.Run(() => RunAsync(progress, verbose, cancellationToken));

        // The awaits here keep their context: under Run they come back to the pipeline thread, which alone may write.
        public async Task<MigrationOutcome> RunAsync(Action<ProgressRecord> progress, Action<string> verbose, CancellationToken cancellationToken)
        {
            var log = new ConcurrentQueue<string>();
            _request.Log = log.Enqueue;
            var work = new MigrationOrchestrator().MigrateAsync(_request, cancellationToken);
            // Reporting must never end the wait: once Ctrl+C is pressed WriteProgress and WriteVerbose throw
            // PipelineStoppedException, and leaving then would close the connections while the migration still
            // aborts and cleans up on them (the destination would keep a paused half-migrated domain).
            ExceptionDispatchInfo? reportFailure = null;
            void Report(Action write)
            {
                if (reportFailure != null) return;
                try { write(); }
                catch (Exception e) { reportFailure = ExceptionDispatchInfo.Capture(e); }
            }
            var record = new ProgressRecord(_activityId, _activity, "Starting");
            Report(() => progress(Copy(record)));
            while (await Task.WhenAny(work, Task.Delay(PollInterval)) != work)
            {
                Report(() => Drain(log, verbose));
                var info = await TryReadJob();
                if (info == null || info.Type == DomainJobType.None) continue;
                Describe(record, info);
                Report(() => progress(Copy(record)));
            }
            Report(() => Drain(log, verbose));
            record.RecordType = ProgressRecordType.Completed;
            record.PercentComplete = 100;
            record.StatusDescription = "Done";
            Report(() => progress(Copy(record)));
            var outcome = await work;
            reportFailure?.Throw();
            return outcome;
        }

        private async Task<DomainJobInfo?> TryReadJob()
        {
            // Bounded: a daemon stuck on the domain's lock must not keep this loop from seeing the migration end.
            using (var timeout = new CancellationTokenSource(StatisticsTimeout))
            {
                try { return await _source.GetJobInfoAsync(_request.Domain, completed: false, timeout.Token); }
                catch (Exception) { return null; } // statistics are best effort; the migration's own result decides
            }
        }

        // Each write gets its own record: collected streams (a job's Progress, a runspace's Streams.Progress)
        // keep every record, and one shared, mutated object would make them all show the last state.
        private static ProgressRecord Copy(ProgressRecord r) => new ProgressRecord(r.ActivityId, r.Activity, r.StatusDescription)
        {
            CurrentOperation = r.CurrentOperation,
            ParentActivityId = r.ParentActivityId,
            PercentComplete = r.PercentComplete,
            RecordType = r.RecordType,
            SecondsRemaining = r.SecondsRemaining,
        };

        private static void Describe(ProgressRecord record, DomainJobInfo info)
        {
            const double MiB = 1048576.0;
            // As virsh does: the share of the data that is no longer left. data_processed counts only the bytes
            // sent, not the zero pages skipped, so it stays far below data_total even when the job completes.
            record.PercentComplete = info.PercentComplete ?? 0;
            record.StatusDescription = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0:N1} of {1:N1} MiB at {2:N1} MiB/s, {3:N1} MiB left, iteration {4}",
                info.DataProcessed / MiB, info.DataTotal / MiB, info.RateMiBps, info.DataRemaining / MiB, info.MemoryIteration);
            record.CurrentOperation = $"Elapsed {info.Elapsed:hh\\:mm\\:ss}";
            record.SecondsRemaining = info.MemoryBps == 0 ? -1 : (int)Math.Min(int.MaxValue, info.DataRemaining / info.MemoryBps);
        }

        private static void Drain(ConcurrentQueue<string> log, Action<string> verbose)
        {
            while (log.TryDequeue(out var line)) verbose(line);
        }
    }
}
