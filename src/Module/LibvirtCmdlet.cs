using System;
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
            if (Thread.CurrentThread.ManagedThreadId != _pipelineThread) return;
            try { write(); }
            catch (PSInvalidOperationException) { }
            catch (PipelineStoppedException) { }
        }

        private readonly int _pipelineThread = Thread.CurrentThread.ManagedThreadId;

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
        internal void ThrowFailure(Exception exception, object? target) => ThrowTerminatingError(ErrorMapping.ToErrorRecord(exception, target));

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
