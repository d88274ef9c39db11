using System;
using System.Management.Automation;
using System.Threading;
using Libvirt.Engine.Connections;
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
        /// -Force): it prompts as a ConfirmImpact High cmdlet would, unless -Confirm:$false was given.
        /// </summary>
        internal bool ShouldProcessHighImpact(string target, string action, ref bool yesToAll, ref bool noToAll)
        {
            // -Confirm or -WhatIf given: ShouldProcess already asks (or only reports), once.
            if (MyInvocation.BoundParameters.ContainsKey("Confirm") || MyInvocation.BoundParameters.ContainsKey("WhatIf")) return ShouldProcess(target, action);
            if (!ShouldProcess(target, action)) return false;
            // A script may have set it as text in a child scope ($ConfirmPreference = 'None'), which loses the enum type.
            var preference = LanguagePrimitives.TryConvertTo(GetVariableValue("ConfirmPreference"), out ConfirmImpact p) ? p : ConfirmImpact.High;
            if (preference == ConfirmImpact.None || preference > ConfirmImpact.High) return true;
            return ShouldContinue($"Are you sure you want to perform '{action}' on '{target}'?", "Confirm", ref yesToAll, ref noToAll);
        }

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
                // Without any host there is nothing to do for the following items either.
                if (ex is NoHostException) ThrowFailure(ex, target);
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
