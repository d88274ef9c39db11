using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>Lists the hard disks of domains (virsh domblklist --details, with domblkinfo's sizes).</summary>
    [Cmdlet(VerbsCommon.Get, "VMDomainDisk", DefaultParameterSetName = ByObjectSet, HelpUri = HelpLinks.Base + "Get-VMDomainDisk.md")]
    [OutputType(typeof(VMDomainDisk))]
    public sealed class GetVMDomainDiskCommand : DeviceCmdlet
    {
        /// <summary>Only these targets (vda, sd*); wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Target { get; set; }

        /// <summary>The persistent definition's disks, used at next start, rather than the running domain's.</summary>
        [Parameter]
        public SwitchParameter Inactive { get; set; }

        protected override string Action => "Get disks";

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var patterns = Target?.Select(t => WildcardPattern.Get(t, WildcardOptions.IgnoreCase)).ToArray();
            foreach (var disk in Await(ct => Service(host).GetDisksAsync(domain, Inactive, !Inactive, ct)))
                if ((disk.Device == "disk" || disk.Device == "lun") && (patterns == null || patterns.Any(p => p.IsMatch(disk.Target))))
                    WriteObject(disk);
        }
    }
}
