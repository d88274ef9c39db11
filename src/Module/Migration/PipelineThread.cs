using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// Runs asynchronous work for a cmdlet while keeping the pipeline thread the one that writes: the calling
    /// thread waits here, once, and runs every continuation the work posts back to it (awaits without
    /// ConfigureAwait(false)) until the work ends. Engine and driver code (ConfigureAwait(false)) runs where it
    /// completes and holds no thread while it waits.
    /// </summary>
    internal static class PipelineThread
    {
        public static T Run<T>(Func<Task<T>> work)
        {
            var previous = SynchronizationContext.Current;
            var context = new QueueContext();
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                var task = work();
                task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                context.RunUntilComplete();
                return task.GetAwaiter().GetResult();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }

        private sealed class QueueContext : SynchronizationContext
        {
            private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue =
                new BlockingCollection<(SendOrPostCallback, object?)>();

            public override void Post(SendOrPostCallback d, object? state)
            {
                // A continuation posted after the work ended has nowhere to run but the pool.
                try { _queue.Add((d, state)); }
                catch (InvalidOperationException) { ThreadPool.QueueUserWorkItem(_ => d(state)); }
            }

            public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would deadlock the pipeline thread.");

            public void Complete() => _queue.CompleteAdding();

            public void RunUntilComplete()
            {
                foreach (var (callback, state) in _queue.GetConsumingEnumerable()) callback(state);
            }
        }
    }
}
