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
    /// -Force powers them off at once (virsh destroy) and confirms like a ConfirmImpact High command.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Stop-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class StopVMDomainCommand : DomainCmdlet
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
        private bool _yesToAll;
        private bool _noToAll;

        /// <summary>Power off immediately instead of asking the guest to shut down.</summary>
        [Parameter]
        [Alias("TurnOff")]
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

        protected override string Action => Force ? "Stop (power off)" : "Stop (shut down)";

        /// <summary>Powering off asks as a ConfirmImpact High command would; a graceful shutdown as Medium.</summary>
        private protected override bool ConfirmDomain(VMDomain domain) =>
            Force ? ShouldProcessHighImpact(Describe(domain), Action, ref _yesToAll, ref _noToAll) : base.ConfirmDomain(domain);

        private protected override void ProcessDomain(HostTarget host, VMDomain domain)
        {
            var driver = host.Connection.Driver;
            if (Force)
            {
                driver.DestroyDomain(domain.ToIdentity(), Cancellation);
            }
            else
            {
                driver.ShutdownDomain(domain.ToIdentity(), Cancellation);
                if (Wait) WaitUntilOff(host, domain);
            }
            if (PassThru)
            {
                try { WriteObject(Refresh(host, domain)); }
                catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain) { /* a transient domain is gone once off */ }
            }
        }

        private void WaitUntilOff(HostTarget host, VMDomain domain)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if (host.Connection.Driver.GetDomain(domain.ToIdentity(), Cancellation).State == DomainState.ShutOff) return;
                }
                catch (LibvirtException ex) when (ex.Code == ErrorCode.NoDomain)
                {
                    return;
                }
                if (clock.Elapsed.TotalSeconds >= TimeoutSec)
                    throw new LibvirtException(ErrorCode.OperationTimeout, ErrorDomain.Domain,
                        $"Domain '{domain.Name}' did not shut down within {TimeoutSec} seconds; use -Force to power it off.") { Target = domain.Name };
                Cancellation.WaitHandle.WaitOne(PollInterval);
                Cancellation.ThrowIfCancellationRequested();
            }
        }
    }
}
