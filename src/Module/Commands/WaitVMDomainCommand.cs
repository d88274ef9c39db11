using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Events;
using Libvirt.Engine.Jobs;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Events;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>What Wait-VMDomain waits for.</summary>
    public enum DomainWaitCondition
    {
        /// <summary>The domain reaches -State (Running by default).</summary>
        State,
        /// <summary>The domain has no running job (a migration, a save) any more.</summary>
        Job,
    }

    /// <summary>
    /// Waits until each domain reaches a state or finishes its job, as Hyper-V's Wait-VM does: woken by the
    /// host's events (lifecycle, job completed), the condition checked again on each, never by polling in a loop.
    /// A domain that does not get there within -TimeoutSec is a WaitTimeout error.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "VMDomain", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Wait-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class WaitVMDomainCommand : DomainCmdlet
    {
        // A lost event (a reconnect in the middle) costs at most this long: the condition is checked again then.
        private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

        [Parameter]
        public DomainWaitCondition For { get; set; } = DomainWaitCondition.State;

        /// <summary>The state -For State waits for.</summary>
        [Parameter]
        public DomainState State { get; set; } = DomainState.Running;

        /// <summary>How long to wait per domain; 0 waits until Ctrl+C.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; } = 300;

        /// <summary>Writes the domain once it got there.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Wait";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var driver = host.Connection.Driver;
            using var wake = new SemaphoreSlim(0);
            var kinds = For == DomainWaitCondition.Job
                ? new[] { DomainEventKind.Lifecycle, DomainEventKind.JobCompleted }
                : new[] { DomainEventKind.Lifecycle };
            var registrations = Await(ct => Task.WhenAll(Array.ConvertAll(kinds, k =>
                driver.DomainEvents().SubscribeAsync(k, e => { if (e.Uuid == domain.Uuid) Release(wake); }, ct))));
            try
            {
                var clock = Stopwatch.StartNew();
                var what = For == DomainWaitCondition.Job ? "its job to finish" : $"state {State}";
                var progress = new ProgressRecord(Math.Abs(domain.Uuid.GetHashCode() % 100000), $"Waiting for {domain.Name}", $"for {what}");
                while (true)
                {
                    var (done, now) = Check(driver, domain);
                    if (done)
                    {
                        progress.RecordType = ProgressRecordType.Completed;
                        WriteProgress(progress);
                        if (PassThru) WriteObject(now);
                        return;
                    }
                    var elapsed = clock.Elapsed;
                    if (TimeoutSec > 0 && elapsed.TotalSeconds >= TimeoutSec)
                        throw new WaitTimeoutException($"Timed out after {TimeoutSec} s waiting for domain '{domain.Name}' on {domain.Host} to reach {what} (it is {now?.State}).");
                    progress.StatusDescription = $"for {what}: {now?.State}, {elapsed.TotalSeconds:0} s";
                    if (TimeoutSec > 0) progress.PercentComplete = (int)Math.Min(99, elapsed.TotalSeconds * 100 / TimeoutSec);
                    WriteProgress(progress);
                    var left = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) - elapsed : Recheck;
                    try { wake.Wait(left < Recheck ? left : Recheck, Cancellation); }
                    catch (OperationCanceledException) { throw new PipelineStoppedException(); }
                }
            }
            finally
            {
                foreach (var r in registrations) r.Dispose();
            }
        }

        private (bool Done, VMDomain? Now) Check(IHypervisorDriver driver, VMDomain domain)
        {
            var identity = domain.ToIdentity();
            if (For == DomainWaitCondition.Job)
            {
                var job = Await(ct => driver.Domains().GetJobInfoAsync(identity, false, ct));
                var now = Await(ct => driver.Domains().GetAsync(identity, ct));
                return (job.Type == DomainJobType.None, now);
            }
            try
            {
                var current = Await(ct => driver.Domains().GetAsync(identity, ct));
                return (current.State == State, current);
            }
            catch (Engine.Errors.LibvirtException e) when (e.Code == Engine.Errors.ErrorCode.NoDomain && State == DomainState.ShutOff)
            {
                return (true, null); // a transient domain that stopped is gone: it is as shut off as it gets
            }
        }

        private static void Release(SemaphoreSlim wake)
        {
            try { if (wake.CurrentCount == 0) wake.Release(); }
            catch (ObjectDisposedException) { }
            catch (SemaphoreFullException) { }
        }
    }
}
