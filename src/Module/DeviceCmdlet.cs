using System.Management.Automation;
using Libvirt.Engine.Devices;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell
{
    /// <summary>
    /// Base of the device cmdlets: a domain from the pipeline or by name, and for changes -Live and -Config as
    /// virsh's --live and --config. With neither, a change affects the running domain only, as virsh
    /// attach-disk, detach-disk and attach-interface do (VIR_DOMAIN_AFFECT_LIVE); a shut-off domain needs -Config.
    /// </summary>
    public abstract class DeviceCmdlet : DomainCmdlet
    {
        private protected static DeviceService Service(HostTarget host) => new DeviceService(host.Connection.Driver);
    }

    /// <summary>A device cmdlet that changes a definition: -Live, -Config, -PassThru.</summary>
    public abstract class DeviceChangeCmdlet : DeviceCmdlet
    {
        /// <summary>Change the running domain (virsh --live).</summary>
        [Parameter]
        public SwitchParameter Live { get; set; }

        /// <summary>Change the persistent definition, used at next start (virsh --config).</summary>
        [Parameter]
        public SwitchParameter Config { get; set; }

        private protected DeviceScope Scope =>
            !Live && !Config ? DeviceScope.Live : (Live ? DeviceScope.Live : 0) | (Config ? DeviceScope.Config : 0);

        /// <summary>" (live)", " (persistent)", " (live and persistent)": what -WhatIf says the change affects.</summary>
        private protected string ScopeText => Scope switch
        {
            DeviceScope.Live => "live",
            DeviceScope.Config => "persistent",
            _ => "live and persistent",
        };

        /// <summary>The warning for a live detach that the guest has not acknowledged (the host returned while the guest still holds the device).</summary>
        private protected void WarnDetachPending(string what, string domain) =>
            WriteWarning($"The host asked the guest of '{domain}' to release {what}, but the guest has not done so yet: the device stays in the running domain until the guest acknowledges the unplug (a guest without an OS, or one that ignores ACPI hotplug, never does). Detach it with -Config and restart the domain, or stop the domain first.");
    }
}
