using System;
using System.Management.Automation;
using Libvirt.Engine.Config;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Changes a domain's vCPUs, memory, maximum memory, title, description, autostart and name (virsh setvcpus,
    /// setmem, setmaxmem, desc, autostart, domrename). -Live and -Config choose the definitions as virsh's
    /// --live/--config; with neither, a running domain's live state changes, a shut-off domain's definition.
    /// Everything is checked before the first change.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class SetVMDomainCommand : DomainCmdlet
    {
        [Parameter]
        [Alias("ProcessorCount")]
        [ValidateRange(1, 4096)]
        public int? VCpus { get; set; }

        [Parameter]
        [Alias("MemoryStartupMB")]
        [ValidateRange(1, long.MaxValue / 1024)]
        public long? MemoryMB { get; set; }

        [Parameter]
        [Alias("MemoryMaximumMB")]
        [ValidateRange(1, long.MaxValue / 1024)]
        public long? MaxMemoryMB { get; set; }

        [Parameter]
        public bool? AutoStart { get; set; }

        /// <summary>A one-line title; an empty string removes it.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? Title { get; set; }

        /// <summary>A description (may be several lines); an empty string removes it.</summary>
        [Parameter]
        [AllowEmptyString]
        [Alias("Notes")]
        public string? Description { get; set; }

        /// <summary>The domain's new name; libvirt renames only shut-off domains.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewName { get; set; }

        /// <summary>Change the running domain (virsh --live).</summary>
        [Parameter]
        public SwitchParameter Live { get; set; }

        /// <summary>Change the persistent definition, used from the next start (virsh --config).</summary>
        [Parameter]
        public SwitchParameter Config { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private DomainSettings Settings => new DomainSettings
        {
            VCpus = VCpus,
            MemoryMB = MemoryMB,
            MaxMemoryMB = MaxMemoryMB,
            Autostart = AutoStart,
            Title = Title,
            Description = Description,
            NewName = NewName,
            Impact = (Live ? DomainImpact.Live : DomainImpact.Current) | (Config ? DomainImpact.Config : DomainImpact.Current),
        };

        protected override string Action => "Set " + string.Join(", ", Settings.Changes());

        protected override void BeginProcessing()
        {
            if (Settings.IsEmpty)
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Set-VMDomain needs at least one of -VCpus, -MemoryMB, -MaxMemoryMB, -AutoStart, -Title, -Description, -NewName."),
                    "NoSettingGiven", ErrorCategory.InvalidArgument, null));
            base.BeginProcessing();
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            // The pipeline's object may be old: check against the domain as it is now.
            var current = Refresh(host, domain);
            Await(ct => DomainConfigurator.ApplyAsync(host.Connection.Driver, current, Settings, ct));
            if (PassThru) WriteObject(Refresh(host, current));
        }
    }
}
