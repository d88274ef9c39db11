using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.PowerShell.Hosts
{
    /// <summary>
    /// Works on several hosts at once, at most a throttle limit of them at a time, while the pipeline thread (the
    /// only one PowerShell lets write) runs what the workers post: output, errors, warnings, progress, and the
    /// confirmations they wait for. Each worker has a thread of its own because opening a connection and a
    /// cmdlet's per-object work are synchronous; the threads are not the pool's, so a fleet of 32 hosts cannot
    /// starve the pool that completes the connections' replies.
    /// </summary>
    internal sealed class HostFanOut : IDisposable
    {
        /// <summary>-ThrottleLimit's default: how many hosts a command works on at once.</summary>
        public const int DefaultThrottleLimit = 32;

        private static readonly Action Finished = () => { };
        private readonly BlockingCollection<Action> _posted = new BlockingCollection<Action>();
        private readonly int _pipelineThread;
        private readonly Action _stop;

        /// <param name="pipelineThread">The thread that may write.</param>
        /// <param name="stop">Cancels the command's token (output downstream stopped: Select-Object -First).</param>
        public HostFanOut(int pipelineThread, Action stop)
        {
            _pipelineThread = pipelineThread;
            _stop = stop;
        }

        public bool OnPipelineThread => Thread.CurrentThread.ManagedThreadId == _pipelineThread;

        /// <summary>Queues a write for the pipeline thread.</summary>
        public void Post(Action write) => _posted.Add(write);

        /// <summary>Runs <paramref name="call"/> on the pipeline thread (ShouldProcess, which may prompt) and waits for its answer.</summary>
        public T Call<T>(Func<T> call, CancellationToken cancellationToken)
        {
            if (OnPipelineThread) return call();
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try { answer.SetResult(call()); }
                catch (Exception e) { answer.SetException(e); }
            });
            answer.Task.Wait(cancellationToken);
            return answer.Task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Runs <paramref name="work"/> for every item, at most <paramref name="throttleLimit"/> at a time, and runs
        /// the posted writes as they come until every worker has ended. Once the command is cancelled, posted writes
        /// are dropped. The first exception that escaped a worker (or a write) is rethrown here, on the pipeline thread.
        /// </summary>
        public void Run<T>(IReadOnlyList<T> items, int throttleLimit, Action<T> work, CancellationToken cancellationToken)
        {
            if (!OnPipelineThread) throw new InvalidOperationException("Hosts are fanned out from the pipeline thread only.");
            Exception? failure = null;
            var next = 0;
            var running = 0;

            void StartNext()
            {
                var item = items[next++];
                running++;
                Task.Factory.StartNew(() =>
                {
                    try { work(item); }
                    catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
                    finally { _posted.Add(Finished); }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            while (running < Math.Max(1, throttleLimit) && next < items.Count) StartNext();
            while (running > 0)
            {
                var action = _posted.Take();
                if (ReferenceEquals(action, Finished))
                {
                    running--;
                    // A worker that failed ends the command: the others must not wait on confirmations nobody answers.
                    if (failure != null) _stop();
                    if (next < items.Count && failure == null && !cancellationToken.IsCancellationRequested) StartNext();
                    continue;
                }
                if (failure != null || cancellationToken.IsCancellationRequested) continue;
                try { action(); }
                catch (Exception e)
                {
                    // Downstream stopped (or the host refused a write): the workers must end too.
                    Interlocked.CompareExchange(ref failure, e, null);
                    _stop();
                }
            }
            if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        public void Dispose() => _posted.Dispose();
    }
}
