using System.Management.Automation;
using Libvirt.Engine.Devices;

namespace Libvirt.PowerShell.Commands.Devices
{
    /// <summary>CD drives are <see cref="VMDomainDisk"/>s shown by a view of their own (media rather than sizes).</summary>
    internal static class CDDrives
    {
        public const string TypeName = "Libvirt.Engine.Devices.VMDomainDisk#CDDrive";

        public static PSObject AsCDDrive(VMDomainDisk disk)
        {
            var o = PSObject.AsPSObject(disk);
            o.TypeNames.Insert(0, TypeName);
            return o;
        }
    }
}
