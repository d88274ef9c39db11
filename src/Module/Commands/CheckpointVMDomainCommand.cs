using System;
using System.Globalization;
using System.Management.Automation;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.Engine.Xml;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Commands
{
    /// <summary>
    /// Takes a snapshot of domains (virsh snapshot-create-as): internal by default (disks, and memory of a
    /// running domain, inside the qcow2 images), or disk-only (-DiskOnly: new overlay files, the domain keeps running).
    /// </summary>
    [Cmdlet(VerbsData.Checkpoint, "VMDomain", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Checkpoint-VMDomain.md")]
    [OutputType(typeof(VMDomainSnapshot))]
    public sealed class CheckpointVMDomainCommand : DomainCmdlet
    {
        /// <summary>The snapshot's name; by default "&lt;domain&gt; - (yyyy-MM-dd - HH:mm:ss)", as Hyper-V names checkpoints.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? SnapshotName { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>Only the disks, as external overlay files (VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY).</summary>
        [Parameter]
        public SwitchParameter DiskOnly { get; set; }

        /// <summary>Have the guest agent freeze the guest's file systems while the disks are snapshotted.</summary>
        [Parameter]
        public SwitchParameter Quiesce { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => $"Create {(DiskOnly ? "disk-only " : "")}snapshot '{SnapshotName ?? "<domain> - (<date> - <time>)"}'";

        private DateTime _now;

        protected override void BeginProcessing()
        {
            _now = DateTime.Now;
            base.BeginProcessing();
        }

        private protected override void ProcessObject(HostTarget host, VMDomain domain)
        {
            var name = SnapshotName ?? $"{domain.Name} - ({_now.ToString("yyyy-MM-dd - HH:mm:ss", CultureInfo.InvariantCulture)})";
            var flags = (DiskOnly ? SnapshotCreateFlags.DiskOnly | SnapshotCreateFlags.Atomic : SnapshotCreateFlags.None)
                | (Quiesce ? SnapshotCreateFlags.Quiesce : SnapshotCreateFlags.None);
            var snapshot = Await(ct => host.Connection.Driver.Snapshots().CreateAsync(domain.ToIdentity(), SnapshotXml.Build(name, Description), flags, ct));
            if (PassThru) WriteObject(snapshot);
        }
    }
}
