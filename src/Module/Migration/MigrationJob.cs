using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.PowerShell.Errors;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// A migration running as a PowerShell job (Move-VMDomain -AsJob). Output, errors, warnings, verbose
    /// text and progress go to the job's streams; Stop-Job aborts the migration, and the domain stays on the source.
    /// The work is awaited, not waited for: a running job holds no thread.
    /// </summary>
    internal sealed class MigrationJob : Job
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Func<MigrationJob, CancellationToken, Task> _work;
        private readonly IReadOnlyList<IDisposable> _owned;
        private readonly string _location;
        private readonly Type _commandType;
        private Task? _task;

        public MigrationJob(string command, string name, string location, Type commandType, Func<MigrationJob, CancellationToken, Task> work, IReadOnlyList<IDisposable> owned)
            : base(command, name)
        {
            _commandType = commandType;
            _work = work;
            _owned = owned;
            _location = location;
            PSJobTypeName = "LibvirtMigrationJob";
        }

        public override bool HasMoreData =>
            Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0 || Progress.Count > 0;

        public override string Location => _location;

        public override string StatusMessage => JobStateInfo.State.ToString();

        public void Start()
        {
            SetJobState(JobState.Running);
            _task = Task.Run(Execute);
        }

        public override void StopJob()
        {
            if (IsFinishedState(JobStateInfo.State)) return;
            SetJobState(JobState.Stopping);
            _stop.Cancel();
            _task?.Wait();
        }

        private async Task Execute()
        {
            try
            {
                await _work(this, _stop.Token).ConfigureAwait(false);
                SetJobState(JobState.Completed);
            }
            catch (Exception ex) when (_stop.IsCancellationRequested)
            {
                Verbose.Add(new VerboseRecord("Migration aborted: " + ex.Message));
                SetJobState(JobState.Stopped);
            }
            catch (Exception ex)
            {
                // Ids as the synchronous command writes them: "OperationFailed,Libvirt.PowerShell.Commands.MoveVMDomainCommand".
                var record = ErrorMapping.ToErrorRecord(ex, Name);
                Error.Add(new ErrorRecord(record.Exception, record.FullyQualifiedErrorId + "," + _commandType.FullName, record.CategoryInfo.Category, record.TargetObject));
                SetJobState(JobState.Failed);
            }
            finally
            {
                foreach (var o in _owned) o.Dispose();
            }
        }

        private static bool IsFinishedState(JobState s) =>
            s == JobState.Completed || s == JobState.Failed || s == JobState.Stopped;

        protected override void Dispose(bool disposing)
        {
            if (disposing) _stop.Dispose();
            base.Dispose(disposing);
        }
    }
}
