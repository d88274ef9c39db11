using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Copies a shut-off domain to a new one on the same host (virt-clone): new name, new UUID, new MAC addresses.
    /// Each file disk that is a volume of a storage pool gets, in that pool, either a qcow2 overlay on it
    /// (-Linked: fast, shares the source's data, which must then stay unchanged) or a full copy (-Full, the
    /// default; STORAGE_VOL_CREATE_XML_FROM). -Start starts the copy.
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Copy-VMDomain.md")]
    [OutputType(typeof(VMDomain))]
    public sealed class CopyVMDomainCommand : DomainCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string NewName { get; set; } = "";

        /// <summary>Disks become qcow2 overlays on the source's volumes instead of full copies.</summary>
        [Parameter]
        public SwitchParameter Linked { get; set; }

        /// <summary>Disks are copied in full (the default).</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        [Parameter]
        public SwitchParameter Start { get; set; }

        protected override string Action => $"Copy to {NewName} ({(Linked ? "linked: qcow2 overlays" : "full copy of the disks")}{(Start ? ", then start" : "")})";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Linked && Full)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("-Linked and -Full cannot be used together"), "InvalidCopyMode", ErrorCategory.InvalidArgument, null));
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var driver = host.Connection.Driver;
            var current = Refresh(host, domain);
            // A running guest's disks change under a copy: libvirt's own tools refuse it too.
            if (current.IsActive)
                throw LibvirtException.OperationInvalid($"domain '{domain.Name}' is running: shut it down before copying it", ErrorDomain.Domain, domain.Name);
            var xml = Await(ct => Domains(host).GetXmlAsync(domain.ToIdentity(), true, ct));
            var files = DomainClone.FileDisks(xml);
            var replaced = new Dictionary<string, (string Path, string Format)>(StringComparer.Ordinal);
            if (files.Count > 0)
            {
                var volumes = FindVolumes(driver, files.Select(f => f.Path));
                foreach (var (path, target) in files)
                {
                    if (!volumes.TryGetValue(path, out var source))
                        throw new LibvirtException(ErrorCode.NoStorageVol, ErrorDomain.Storage,
                            $"disk {target} of '{domain.Name}' ({path}) is not a volume of any storage pool on {host.Connection.Uri}: nothing was copied") { Target = path };
                    var name = NewName + "-" + (target.Length > 0 ? target : source.Name) + (Linked ? ".qcow2" : Extension(source));
                    var pool = Await(ct => driver.StoragePools().LookupByNameAsync(source.Pool, ct)).ToIdentity();
                    var copy = Linked
                        ? Await(ct => driver.StorageVolumes().CreateAsync(pool, StorageXml.Volume(name, source.Capacity, "qcow2", source.Path, source.Format), ct))
                        : Await(ct => driver.StorageVolumes().CreateFromAsync(pool, StorageXml.Volume(name, source.Capacity, source.Format, null, null), source.ToIdentity(), ct));
                    replaced[path] = (copy.Path, Linked ? "qcow2" : source.Format ?? "raw");
                }
            }
            var created = Await(ct => Domains(host).DefineAsync(DomainClone.Rewrite(xml, NewName, replaced), ct));
            if (Start)
            {
                Await(ct => Domains(host).StartAsync(created.ToIdentity(), ct));
                created = Await(ct => Domains(host).GetAsync(created.ToIdentity(), ct));
            }
            WriteObject(created);
        }

        private static string Extension(VMStorageVolume v) => v.Format == "qcow2" ? ".qcow2" : ".img";

        /// <summary>The volumes of every active pool of the host, by path (one listing per pool).</summary>
        private Dictionary<string, VMStorageVolume> FindVolumes(IHypervisorDriver driver, IEnumerable<string> paths)
        {
            var wanted = new HashSet<string>(paths, StringComparer.Ordinal);
            var found = new Dictionary<string, VMStorageVolume>(StringComparer.Ordinal);
            foreach (var pool in Await(ct => driver.StoragePools().ListAsync(ct)).Where(p => p.IsActive))
                foreach (var v in Await(ct => driver.StorageVolumes().ListAsync(pool.ToIdentity(), ct)))
                    if (wanted.Contains(v.Path)) found[v.Path] = v;
            return found;
        }
    }
}
