using System;
using System.Diagnostics;
using System.Management.Automation;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Shuts domains down: gracefully by default (virsh shutdown), optionally waiting until they are off;
    /// -TurnOff powers them off at once (virsh destroy) and confirms like a ConfirmImpact High command unless
    /// -Force is given. A domain that is off already gets a warning, not an error (Hyper-V's Stop-VM does so).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Stop-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class StopVMDomainCommand : DomainCmdlet
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
        private const int ProgressId = 1;
        private bool _yesToAll;
        private bool _noToAll;

        /// <summary>Power off immediately instead of asking the guest to shut down.</summary>
        [Parameter]
        [Alias("Destroy")]
        public SwitchParameter TurnOff { get; set; }

        /// <summary>Never prompt, not even for -TurnOff.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Wait until the domain is off.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 300;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => TurnOff ? "Stop (power off)" : "Stop (shut down)";

        /// <summary>Powering off asks as a ConfirmImpact High command would; a graceful shutdown as Medium.</summary>
        private protected override bool ConfirmObject(VMDomain domain) =>
            TurnOff ? ShouldProcessHighImpact(Describe(domain), Action, Force, ref _yesToAll, ref _noToAll) : base.ConfirmObject(domain);

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var domains = Domains(host);
            var changed = ChangeState(host, domain, ct => TurnOff
                ? domains.DestroyAsync(domain.ToIdentity(), ct)
                : domains.ShutdownAsync(domain.ToIdentity(), ct), d => !d.IsActive, "is already shut off");
            if (Wait && !TurnOff && changed) WaitUntilOff(host, domain);
            if (PassThru)
            {
                try { WriteObject(Refresh(host, domain)); }
                catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain) { /* a transient domain is gone once off */ }
            }
        }

        private void WaitUntilOff(HostTarget host, VMDomain domain)
        {
            var clock = Stopwatch.StartNew();
            var progress = new ProgressRecord(ProgressId, "Stop-VMDomain", $"Waiting for '{domain.Name}' to shut down");
            try
            {
                while (true)
                {
                    try
                    {
                        if (Refresh(host, domain).State == DomainState.ShutOff) return;
                    }
                    catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain)
                    {
                        return;
                    }
                    var elapsed = clock.Elapsed.TotalSeconds;
                    if (elapsed >= TimeoutSec)
                        throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.Domain,
                            $"Domain '{domain.Name}' did not shut down within {TimeoutSec} seconds; use -TurnOff to power it off.") { Target = domain.Name };
                    progress.PercentComplete = (int)Math.Min(99, elapsed * 100 / TimeoutSec);
                    progress.SecondsRemaining = (int)Math.Ceiling(TimeoutSec - elapsed);
                    progress.CurrentOperation = $"{elapsed:0} s of at most {TimeoutSec} s";
                    WriteProgress(progress);
                    Cancellation.WaitHandle.WaitOne(PollInterval);
                    Cancellation.ThrowIfCancellationRequested();
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
    }
}
