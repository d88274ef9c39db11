using System;
using System.Collections.Generic;
using Libvirt.Drivers.Remote.Xdr;
using Libvirt.Engine.Events;

namespace Libvirt.Drivers.Remote.Protocol
{
    /// <summary>
    /// The domain event MESSAGEs of callback registrations (protocol.md §7.1): which procedure carries which
    /// kind, and how each payload after its leading callbackID becomes a <see cref="DomainEvent"/>.
    /// Kinds decoded only to their domain (graphics, tunables) still arrive, with what is cheap to read.
    /// </summary>
    internal static class DomainEventCodec
    {
        private delegate void Decode(XdrReader r, DomainEvent e);

        private static readonly string[] WatchdogActions = { "None", "Pause", "Reset", "PowerOff", "Shutdown", "Debug", "InjectNmi" };
        private static readonly string[] IOErrorActions = { "None", "Pause", "Report" };
        private static readonly string[] GraphicsPhases = { "Connect", "Initialize", "Disconnect" };
        private static readonly string[] BlockJobTypes = { "Unknown", "Pull", "Copy", "Commit", "ActiveCommit", "Backup" };
        private static readonly string[] BlockJobStatuses = { "Completed", "Failed", "Canceled", "Ready" };

        private static readonly Dictionary<DomainEventKind, (RemoteProcedure Procedure, bool ReasonFirst, Decode Body)> Table =
            new Dictionary<DomainEventKind, (RemoteProcedure, bool, Decode)>
            {
                [DomainEventKind.Lifecycle] = (RemoteProcedure.DomainEventCallbackLifecycle, false, Lifecycle),
                [DomainEventKind.Reboot] = (RemoteProcedure.DomainEventCallbackReboot, false, Nothing),
                [DomainEventKind.RtcChange] = (RemoteProcedure.DomainEventCallbackRtcChange, false, (r, e) => e.Data["offset"] = r.ReadHyper()),
                [DomainEventKind.Watchdog] = (RemoteProcedure.DomainEventCallbackWatchdog, false, (r, e) => e.Type = Name(WatchdogActions, r.ReadInt())),
                [DomainEventKind.IOError] = (RemoteProcedure.DomainEventCallbackIOError, false, IOError),
                [DomainEventKind.Graphics] = (RemoteProcedure.DomainEventCallbackGraphics, false, (r, e) => { e.Type = Name(GraphicsPhases, r.ReadInt()); }),
                [DomainEventKind.IOErrorReason] = (RemoteProcedure.DomainEventCallbackIOErrorReason, false, (r, e) => { IOError(r, e); e.Detail = r.ReadString(); }),
                [DomainEventKind.ControlError] = (RemoteProcedure.DomainEventCallbackControlError, false, Nothing),
                [DomainEventKind.BlockJob] = (RemoteProcedure.DomainEventCallbackBlockJob, false, BlockJob),
                [DomainEventKind.DiskChange] = (RemoteProcedure.DomainEventCallbackDiskChange, false, DiskChange),
                [DomainEventKind.TrayChange] = (RemoteProcedure.DomainEventCallbackTrayChange, false, (r, e) => { e.Device = r.ReadString(); e.Type = r.ReadInt() == 0 ? "Open" : "Close"; }),
                [DomainEventKind.PMWakeup] = (RemoteProcedure.DomainEventCallbackPMWakeup, true, Nothing),
                [DomainEventKind.PMSuspend] = (RemoteProcedure.DomainEventCallbackPMSuspend, true, Nothing),
                [DomainEventKind.BalloonChange] = (RemoteProcedure.DomainEventCallbackBalloonChange, false, (r, e) => e.Data["actual"] = r.ReadUHyper()),
                [DomainEventKind.PMSuspendDisk] = (RemoteProcedure.DomainEventCallbackPMSuspendDisk, true, Nothing),
                [DomainEventKind.DeviceRemoved] = (RemoteProcedure.DomainEventCallbackDeviceRemoved, false, Alias),
                [DomainEventKind.BlockJob2] = (RemoteProcedure.DomainEventCallbackBlockJob2, false, BlockJob),
                [DomainEventKind.Tunable] = (RemoteProcedure.DomainEventCallbackTunable, false, (r, e) => Parameters(r, e, XdrLimits.EventTunableMax)),
                [DomainEventKind.AgentLifecycle] = (RemoteProcedure.DomainEventCallbackAgentLifecycle, false, AgentLifecycle),
                [DomainEventKind.DeviceAdded] = (RemoteProcedure.DomainEventCallbackDeviceAdded, false, Alias),
                [DomainEventKind.MigrationIteration] = (RemoteProcedure.DomainEventCallbackMigrationIteration, false, (r, e) => e.Data["iteration"] = r.ReadInt()),
                [DomainEventKind.JobCompleted] = (RemoteProcedure.DomainEventCallbackJobCompleted, false, (r, e) => Parameters(r, e, XdrLimits.JobStatsMax)),
                [DomainEventKind.DeviceRemovalFailed] = (RemoteProcedure.DomainEventCallbackDeviceRemovalFailed, false, Alias),
                [DomainEventKind.MetadataChange] = (RemoteProcedure.DomainEventCallbackMetadataChange, false, MetadataChange),
                [DomainEventKind.BlockThreshold] = (RemoteProcedure.DomainEventCallbackBlockThreshold, false, BlockThreshold),
                [DomainEventKind.MemoryFailure] = (RemoteProcedure.DomainEventCallbackMemoryFailure, false, MemoryFailure),
                [DomainEventKind.MemoryDeviceSizeChange] = (RemoteProcedure.DomainEventCallbackMemoryDeviceSizeChange, false, (r, e) => { e.Device = r.ReadString(); e.Data["size"] = r.ReadUHyper(); }),
            };

        private static readonly Dictionary<int, DomainEventKind> ByProcedure = BuildByProcedure();

        /// <summary>The MESSAGE procedure that carries <paramref name="kind"/>.</summary>
        public static int ProcedureOf(DomainEventKind kind) =>
            Table.TryGetValue(kind, out var row) ? (int)row.Procedure : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a domain event kind");

        public static bool TryKindOf(int procedure, out DomainEventKind kind) => ByProcedure.TryGetValue(procedure, out kind);

        /// <summary>Every payload starts with the registration's callbackID: read it alone to route the event.</summary>
        public static int ReadCallbackId(byte[] payload) => new XdrReader(payload).ReadInt();

        /// <summary>Decodes a whole payload of <paramref name="kind"/>; a malformed one throws the XDR error.</summary>
        public static DomainEvent Read(DomainEventKind kind, byte[] payload)
        {
            var row = Table[kind];
            var r = new XdrReader(payload);
            r.ReadInt(); // callbackID
            int? reason = row.ReasonFirst ? r.ReadInt() : (int?)null;
            var domain = DomainIdentityCodec.Read(r);
            var e = new DomainEvent(kind, domain.Name, domain.Uuid, domain.Id);
            if (reason != null) e.Data["reason"] = reason.Value;
            row.Body(r, e);
            return e;
        }

        private static Dictionary<int, DomainEventKind> BuildByProcedure()
        {
            var map = new Dictionary<int, DomainEventKind>();
            foreach (var row in Table) map[(int)row.Value.Procedure] = row.Key;
            return map;
        }

        private static void Nothing(XdrReader r, DomainEvent e) { }

        private static void Lifecycle(XdrReader r, DomainEvent e)
        {
            var type = r.ReadInt();
            var detail = r.ReadInt();
            e.Lifecycle = (DomainLifecycleEventType)type;
            e.Type = Enum.IsDefined(typeof(DomainLifecycleEventType), type) ? ((DomainLifecycleEventType)type).ToString() : type.ToString();
            e.Detail = LifecycleDetail(type, detail);
        }

        private static void IOError(XdrReader r, DomainEvent e)
        {
            e.Data["srcPath"] = r.ReadString();
            e.Device = r.ReadString();
            e.Type = Name(IOErrorActions, r.ReadInt());
        }

        private static void BlockJob(XdrReader r, DomainEvent e)
        {
            e.Device = r.ReadString();
            e.Type = Name(BlockJobTypes, r.ReadInt());
            e.Detail = Name(BlockJobStatuses, r.ReadInt());
        }

        private static void DiskChange(XdrReader r, DomainEvent e)
        {
            if (r.ReadOptionalString() is { } old) e.Data["oldSrcPath"] = old;
            if (r.ReadOptionalString() is { } fresh) e.Data["newSrcPath"] = fresh;
            e.Device = r.ReadString();
            e.Detail = Name(new[] { "MissingOnStart", "DropMissingOnStart" }, r.ReadInt());
        }

        private static void Alias(XdrReader r, DomainEvent e) => e.Device = r.ReadString();

        private static void AgentLifecycle(XdrReader r, DomainEvent e)
        {
            e.Type = Name(new[] { "Unknown", "Connected", "Disconnected" }, r.ReadInt());
            e.Detail = Name(new[] { "Unknown", "DomainStarted", "Channel" }, r.ReadInt());
        }

        private static void MetadataChange(XdrReader r, DomainEvent e)
        {
            e.Type = Name(new[] { "Description", "Title", "Element" }, r.ReadInt());
            if (r.ReadOptionalString() is { } uri) e.Data["nsuri"] = uri;
        }

        private static void BlockThreshold(XdrReader r, DomainEvent e)
        {
            e.Device = r.ReadString();
            if (r.ReadOptionalString() is { } path) e.Data["path"] = path;
            e.Data["threshold"] = r.ReadUHyper();
            e.Data["excess"] = r.ReadUHyper();
        }

        private static void MemoryFailure(XdrReader r, DomainEvent e)
        {
            e.Data["recipient"] = r.ReadInt();
            e.Type = Name(new[] { "Ignore", "Inject", "Fatal", "Reset" }, r.ReadInt());
            e.Data["flags"] = r.ReadUInt();
        }

        private static void Parameters(XdrReader r, DomainEvent e, int max)
        {
            foreach (var p in TypedParameterCodec.ReadList(r, max)) e.Data[p.Field] = p.Value;
        }

        private static readonly string[][] LifecycleDetails =
        {
            new[] { "Added", "Updated", "Renamed", "FromSnapshot" },
            new[] { "Removed", "Renamed" },
            new[] { "Booted", "Migrated", "Restored", "FromSnapshot", "Wakeup" },
            new[] { "Paused", "Migrated", "IOError", "Watchdog", "Restored", "FromSnapshot", "ApiError", "Postcopy", "PostcopyFailed" },
            new[] { "Unpaused", "Migrated", "FromSnapshot", "Postcopy", "PostcopyFailed" },
            new[] { "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "FromSnapshot" },
            new[] { "Finished", "Guest", "Host" },
            new[] { "Memory", "Disk" },
            new[] { "Panicked", "Crashloaded" },
        };

        /// <summary>The name of a lifecycle detail (libvirt's VIR_DOMAIN_EVENT_*_* per type); a number newer than this table stays a number.</summary>
        public static string LifecycleDetail(int type, int detail) =>
            type >= 0 && type < LifecycleDetails.Length ? Name(LifecycleDetails[type], detail) : detail.ToString();

        private static string Name(string[] names, int value) => value >= 0 && value < names.Length ? names[value] : value.ToString();
    }
}
