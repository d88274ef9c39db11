using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Tunes a migration while it runs: maximum bandwidth and downtime, or a switch to post-copy
    /// (virsh migrate-setspeed, migrate-setmaxdowntime, migrate-postcopy).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VMDomainMigration", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-VMDomainMigration.md")]
    [OutputType(typeof(void))]
    public sealed class SetVMDomainMigrationCommand : DomainCmdlet
    {
        /// <summary>Maximum bandwidth in MiB/s.</summary>
        [Parameter]
        [Alias("Bandwidth")]
        public ulong? MaxBandwidthMiBps { get; set; }

        /// <summary>Maximum bandwidth in MiB/s once in post-copy.</summary>
        [Parameter]
        public ulong? PostcopyBandwidthMiBps { get; set; }

        /// <summary>Maximum tolerable downtime in milliseconds.</summary>
        [Parameter]
        [Alias("MaxDowntime")]
        public ulong? MaxDowntimeMs { get; set; }

        /// <summary>Switch the running migration to post-copy (it must have been started with -Postcopy).</summary>
        [Parameter]
        public SwitchParameter StartPostcopy { get; set; }

        protected override string Action
        {
            get
            {
                var parts = new System.Collections.Generic.List<string>();
                if (MaxBandwidthMiBps.HasValue) parts.Add($"bandwidth {MaxBandwidthMiBps} MiB/s");
                if (PostcopyBandwidthMiBps.HasValue) parts.Add($"post-copy bandwidth {PostcopyBandwidthMiBps} MiB/s");
                if (MaxDowntimeMs.HasValue) parts.Add($"max downtime {MaxDowntimeMs} ms");
                if (StartPostcopy) parts.Add("switch to post-copy");
                return "Tune migration: " + (parts.Count == 0 ? "nothing" : string.Join(", ", parts));
            }
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var migration = host.Connection.Driver.Migration();
            var id = domain.ToIdentity();
            if (MaxBandwidthMiBps.HasValue) Await(ct => migration.SetMaxSpeedAsync(id, MaxBandwidthMiBps.Value, postcopy: false, ct));
            if (PostcopyBandwidthMiBps.HasValue) Await(ct => migration.SetMaxSpeedAsync(id, PostcopyBandwidthMiBps.Value, postcopy: true, ct));
            if (MaxDowntimeMs.HasValue) Await(ct => migration.SetMaxDowntimeAsync(id, MaxDowntimeMs.Value, ct));
            if (StartPostcopy) Await(ct => migration.StartPostCopyAsync(id, ct));
        }
    }
}
