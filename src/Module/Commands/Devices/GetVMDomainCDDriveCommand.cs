using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Lists the CD/DVD drives of domains and their media.</summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainCDDrive", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainCDDrive.md")]
    [OutputType(typeof(VMDomainDisk))]
    public sealed class GetVMDomainCDDriveCommand : DeviceCmdlet
    {
        [Parameter]
        public SwitchParameter Inactive { get; set; }

        protected override string Action => "Get CD drives";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            foreach (var disk in Await(ct => Service(host).GetDisksAsync(domain, Inactive, false, ct)))
                if (disk.Device == "cdrom") WriteObject(CDDrives.AsCDDrive(disk));
        }
    }
}
