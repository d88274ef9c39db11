using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Inserts an ISO image into a domain's CD drive or ejects it (virsh change-media).</summary>
    [Cmdlet(VerbsCommon.Set, "VMDomainCDDrive", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Set-VMDomainCDDrive.md")]
    [OutputType(typeof(VMDomainDisk))]
    public sealed class SetVMDomainCDDriveCommand : DeviceChangeCmdlet
    {
        /// <summary>The ISO image's full path on the host.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IsoPath { get; set; }

        /// <summary>Remove the media.</summary>
        [Parameter]
        public SwitchParameter Eject { get; set; }

        /// <summary>The drive (sda, hdc) when the domain has more than one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Target { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => (Eject ? "Eject the CD" : $"Insert {IsoPath}") + $" ({ScopeText})";

        protected override void BeginProcessing()
        {
            if (Eject == (IsoPath != null))
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Give either -IsoPath or -Eject."), "IsoPathOrEject", ErrorCategory.InvalidArgument, null));
            base.BeginProcessing();
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var drive = Await(ct => Service(host).SetMediaAsync(domain, Target, Eject ? null : IsoPath, Scope, ct));
            if (PassThru) WriteObject(CDDrives.AsCDDrive(drive));
        }
    }
}
