using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.PowerShell.Errors;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// What every cmdlet of the module shares: cancellation from Ctrl+C (StopProcessing), the host resolver,
    /// and engine errors turned into ErrorRecords in one way.
    /// </summary>
    public abstract class LibvirtCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private HostResolver? _hosts;

        protected CancellationToken Cancellation => _stop.Token;

        internal HostResolver Hosts => _hosts ??= new HostResolver(CreateConnectOptions());

        internal ConnectOptions CreateConnectOptions() => new ConnectOptions
        {
            // Drivers may report from their own threads, and a session connection outlives this command: only
            // the pipeline thread may write, and never after the command has ended. What cannot be written is dropped.
            Warning = message => WriteIfPossible(() => WriteWarning(message)),
            Verbose = message => WriteIfPossible(() => WriteVerbose(message)),
        };

        private void WriteIfPossible(Action write)
        {
            if (Thread.CurrentThread.ManagedThreadId != _pipelineThread)
            {
                // A host worker of this command (HostFanOut): the pipeline thread writes it; any other thread is dropped.
                var fanOut = _fanOut;
                if (fanOut != null) fanOut.Post(() => WriteIfPossible(write));
                return;
            }
            try { write(); }
            catch (PSInvalidOperationException) { }
            catch (PipelineStoppedException) { }
        }

        private readonly int _pipelineThread = Thread.CurrentThread.ManagedThreadId;

        // Set while several hosts are worked on at once: writes from their threads are queued for the pipeline thread.
        private volatile HostFanOut? _fanOut;

        private bool OnPipelineThread => Thread.CurrentThread.ManagedThreadId == _pipelineThread;

        /// <summary>
        /// Runs <paramref name="work"/> for every item (a host, or a host's objects) at once, at most
        /// <paramref name="throttleLimit"/> at a time, each on a thread of its own, and writes what they write as it
        /// comes, from the pipeline thread. The work may call Await, the Write methods, Try and WriteFailure;
        /// confirmations go through <see cref="OnPipeline{T}"/>. One item runs on the pipeline thread itself.
        /// </summary>
        internal void ForEachHost<T>(IReadOnlyList<T> items, int throttleLimit, Action<T> work)
        {
            if (items.Count == 1 || _fanOut != null || !OnPipelineThread)
            {
                foreach (var item in items) work(item);
                return;
            }
            using var fanOut = new HostFanOut(_pipelineThread, () => { try { _stop.Cancel(); } catch (ObjectDisposedException) { } });
            _fanOut = fanOut;
            try { fanOut.Run(items, throttleLimit, work, Cancellation); }
            catch (TerminatingFailure failure) { ThrowTerminatingError(failure.Record); }
            finally { _fanOut = null; }
        }

        /// <summary>Runs <paramref name="call"/> on the pipeline thread (ShouldProcess may prompt) from a host worker, and waits for it.</summary>
        internal T OnPipeline<T>(Func<T> call)
        {
            var fanOut = _fanOut;
            return fanOut == null || OnPipelineThread ? call() : fanOut.Call(call, Cancellation);
        }

        private void Write(Action write)
        {
            var fanOut = _fanOut;
            if (fanOut != null && !OnPipelineThread) fanOut.Post(write);
            else write();
        }

        // The cmdlets' writes, hidden here so that the same code works on the pipeline thread and on a host worker.
        internal new void WriteObject(object? sendToPipeline)
        {
            if (OnPipelineThread) base.WriteObject(sendToPipeline);
            else Write(() => base.WriteObject(sendToPipeline));
        }

        internal new void WriteObject(object? sendToPipeline, bool enumerateCollection) => Write(() => base.WriteObject(sendToPipeline, enumerateCollection));

        internal new void WriteError(ErrorRecord errorRecord) => Write(() => base.WriteError(errorRecord));

        internal new void WriteWarning(string text) => Write(() => base.WriteWarning(text));

        internal new void WriteVerbose(string text) => Write(() => base.WriteVerbose(text));

        internal new void WriteDebug(string text) => Write(() => base.WriteDebug(text));

        internal new void WriteProgress(ProgressRecord progressRecord) => Write(() => base.WriteProgress(progressRecord));

        protected override void StopProcessing() => _stop.Cancel();

        protected override void EndProcessing() => DisposeHosts();

        /// <summary>
        /// ShouldProcess for one action that is more dangerous than the cmdlet's declared ConfirmImpact (Stop
        /// -TurnOff): it prompts as a ConfirmImpact High command would, unless -Confirm:$false or -Force was given.
        /// </summary>
        internal bool ShouldProcessHighImpact(string target, string action, bool force, ref bool yesToAll, ref bool noToAll)
        {
            // -Confirm or -WhatIf given: ShouldProcess already asks (or only reports), once.
            if (MyInvocation.BoundParameters.ContainsKey("Confirm") || MyInvocation.BoundParameters.ContainsKey("WhatIf")) return ShouldProcess(target, action);
            if (!ShouldProcess(target, action)) return false;
            if (force) return true;
            // Under $ConfirmPreference Medium or Low, ShouldProcess has asked already; None asks nothing.
            var preference = ConfirmPreference();
            if (preference != ConfirmImpact.High) return true;
            return ShouldContinue($"Are you sure you want to perform '{action}' on '{target}'?", "Confirm", ref yesToAll, ref noToAll);
        }

        /// <summary>
        /// ShouldProcess that -Force answers: with -Force (and no explicit -Confirm) nothing prompts, while -WhatIf
        /// still only reports. Hyper-V's Remove-VM -Force works this way.
        /// </summary>
        internal bool ShouldProcessUnlessForced(string target, string action, bool force)
        {
            if (!force || MyInvocation.BoundParameters.ContainsKey("Confirm") || IsWhatIf()) return ShouldProcess(target, action);
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force: not confirmed).");
            return true;
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)) return w is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(w);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        // A script may have set it as text in a child scope ($ConfirmPreference = 'None'), which loses the enum type.
        private ConfirmImpact ConfirmPreference() =>
            LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact p) ? p : ConfirmImpact.High;

        /// <summary>
        /// Waits for one engine call, given the command's token: the engine and drivers never block, the cmdlet
        /// does, here, on the pipeline thread (which alone may write). Ctrl+C cancels the token.
        /// </summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> call) => call(Cancellation).GetAwaiter().GetResult();

        internal void Await(Func<CancellationToken, Task> call) => call(Cancellation).GetAwaiter().GetResult();

        /// <summary>Reports a per-item failure as a non-terminating error.</summary>
        internal void WriteFailure(Exception exception, object? target) => WriteError(ErrorMapping.ToErrorRecord(exception, target));

        /// <summary>Stops the command with a terminating error.</summary>
        internal void ThrowFailure(Exception exception, object? target)
        {
            var record = ErrorMapping.ToErrorRecord(exception, target);
            // From a host worker, the pipeline thread stops the command (ForEachHost).
            if (!OnPipelineThread && _fanOut != null) throw new TerminatingFailure(record);
            ThrowTerminatingError(record);
        }

        /// <summary>A terminating error raised on a host worker, carried to the pipeline thread.</summary>
        private sealed class TerminatingFailure : Exception
        {
            public TerminatingFailure(ErrorRecord record) : base(record.Exception?.Message) { Record = record; }
            public ErrorRecord Record { get; }
        }

        /// <summary>Runs one item's work; engine failures become non-terminating errors.</summary>
        internal void Try(object? target, Action action)
        {
            try { action(); }
            catch (Exception ex) when (ErrorMapping.IsReportable(ex) && !(ex is PipelineStoppedException))
            {
                if (Cancellation.IsCancellationRequested) throw new PipelineStoppedException();
                // Without a host (or with no way to choose one) there is nothing to do for the following items either.
                if (ex is NoHostException || ex is AmbiguousHostException) ThrowFailure(ex, target);
                WriteFailure(ex, target);
            }
        }

        /// <summary>
        /// Runs one host's work among several: engine failures become one non-terminating error that names the
        /// host (its URI is the target, and the message starts with it unless it names it already).
        /// </summary>
        internal void TryHost(string uri, Action action)
        {
            try { action(); }
            catch (Exception ex) when (ErrorMapping.IsReportable(ex) && !(ex is PipelineStoppedException))
            {
                if (Cancellation.IsCancellationRequested) throw new PipelineStoppedException();
                if (ex is NoHostException || ex is AmbiguousHostException) ThrowFailure(ex, uri);
                var record = ErrorMapping.ToErrorRecord(ex, uri);
                if (ex.Message.IndexOf(uri, StringComparison.Ordinal) < 0) record.ErrorDetails = new ErrorDetails($"{uri}: {ex.Message}");
                WriteError(record);
            }
        }

        private void DisposeHosts()
        {
            _hosts?.Dispose();
            _hosts = null;
        }

        public void Dispose()
        {
            DisposeHosts();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
