using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Migration;
using Libvirt.Engine.Model;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// Runs one migration and reports on it: the orchestrator runs on a worker thread while the calling
    /// thread polls the source's job statistics about twice a second and turns them into progress records.
    /// Every callback runs on the calling thread, so a cmdlet can write from them.
    /// </summary>
    internal sealed class MigrationRunner
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
        private readonly MigrationRequest _request;
        private readonly IHypervisorDriver _source;
        private readonly string _activity;
        private readonly int _activityId;

        public MigrationRunner(MigrationRequest request, IHypervisorDriver source, string domainName, string destination, int activityId)
        {
            _request = request;
            _source = source;
            _activity = $"Migrating domain '{domainName}' to {destination}";
            _activityId = activityId;
        }

        public MigrationOutcome Run(Action<ProgressRecord> progress, Action<string> verbose, CancellationToken cancellationToken)
        {
            var log = new ConcurrentQueue<string>();
            _request.Log = log.Enqueue;
            var work = Task.Run(() => new MigrationOrchestrator().Migrate(_request, cancellationToken));
            // Each report is a new record: streams (a job's Progress, a runspace's Streams.Progress) keep the
            // objects they are given, so reusing one record would turn every earlier report into the last one.
            var record = new ProgressRecord(_activityId, _activity, "Starting");
            progress(Copy(record));
            // Not work.Wait(timeout): it throws an AggregateException when the migration fails, hiding the
            // engine's error from ErrorMapping; the result is read (and unwrapped) by GetResult below.
            while (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(PollInterval))
            {
                Drain(log, verbose);
                var info = TryReadJob();
                if (info == null || info.Type == DomainJobType.None) continue;
                Describe(record, info);
                progress(Copy(record));
            }
            Drain(log, verbose);
            record.RecordType = ProgressRecordType.Completed;
            record.PercentComplete = 100;
            record.StatusDescription = "Done";
            progress(record);
            return work.GetAwaiter().GetResult();
        }

        private static ProgressRecord Copy(ProgressRecord r) => new ProgressRecord(r.ActivityId, r.Activity, r.StatusDescription)
        {
            ParentActivityId = r.ParentActivityId,
            CurrentOperation = r.CurrentOperation,
            PercentComplete = r.PercentComplete,
            SecondsRemaining = r.SecondsRemaining,
            RecordType = r.RecordType,
        };

        private DomainJobInfo? TryReadJob()
        {
            try { return _source.GetJobInfo(_request.Domain, completed: false, CancellationToken.None); }
            catch (Exception) { return null; } // statistics are best effort; the migration's own result decides
        }

        private static void Describe(ProgressRecord record, DomainJobInfo info)
        {
            const double MiB = 1048576.0;
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
