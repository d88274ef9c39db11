using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Defines a storage pool (virsh pool-define) from libvirt pool XML, or a directory pool from -Name and
    /// -TargetPath (virsh pool-define-as NAME dir --target PATH); optionally builds it (creates the directory),
    /// marks it autostarted and starts it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VMStoragePool", DefaultParameterSetName = XmlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "New-VMStoragePool.md")]
    [OutputType(typeof(VMStoragePool))]
    public sealed class NewVMStoragePoolCommand : NewObjectCmdlet<VMStoragePool, StoragePoolIdentity>
    {
        private const string DirSet = "Dir";

        public NewVMStoragePoolCommand() : base(ObjectKinds.StoragePool) { }

        [Parameter(ParameterSetName = DirSet, Mandatory = true, Position = 0)]
        [Alias("PoolName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The directory of a dir pool, on the host.</summary>
        [Parameter(ParameterSetName = DirSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string TargetPath { get; set; } = "";

        /// <summary>Build the pool once defined (virsh pool-build: a dir pool's directory is made).</summary>
        [Parameter]
        public SwitchParameter Build { get; set; }

        [Parameter]
        public SwitchParameter AutoStart { get; set; }

        private protected override string? XmlFromOwnSet() => ParameterSetName == DirSet ? StorageXml.DirPool(Name, TargetPath) : null;

        private protected override string NameIn(string xml)
        {
            if (SafeXml.DeclaresDocumentType(xml)) throw SafeXml.DtdRefused("storage pool definition");
            return StorageXml.TryReadName(xml) ?? "(storage pool XML)";
        }

        private protected override bool AfterDefine(HostTarget host, VMStoragePool item)
        {
            var pools = host.Connection.Driver.StoragePools();
            if (Build) Await(ct => pools.BuildAsync(item.ToIdentity(), ct));
            if (AutoStart) Await(ct => pools.SetAutostartAsync(item.ToIdentity(), true, ct));
            return AutoStart;
        }
    }
}
