namespace Libvirt.Engine.Events
{
    /// <summary>What a domain event is about: libvirt's virDomainEventID, with the same numbers.</summary>
    public enum DomainEventKind
    {
        Lifecycle = 0,
        Reboot = 1,
        RtcChange = 2,
        Watchdog = 3,
        IOError = 4,
        Graphics = 5,
        IOErrorReason = 6,
        ControlError = 7,
        BlockJob = 8,
        DiskChange = 9,
        TrayChange = 10,
        PMWakeup = 11,
        PMSuspend = 12,
        BalloonChange = 13,
        PMSuspendDisk = 14,
        DeviceRemoved = 15,
        BlockJob2 = 16,
        Tunable = 17,
        AgentLifecycle = 18,
        DeviceAdded = 19,
        MigrationIteration = 20,
        JobCompleted = 21,
        DeviceRemovalFailed = 22,
        MetadataChange = 23,
        BlockThreshold = 24,
        MemoryFailure = 25,
        MemoryDeviceSizeChange = 26,
    }

    /// <summary>virDomainEventType: what a lifecycle event says happened.</summary>
    public enum DomainLifecycleEventType
    {
        Defined = 0,
        Undefined = 1,
        Started = 2,
        Suspended = 3,
        Resumed = 4,
        Stopped = 5,
        Shutdown = 6,
        PMSuspended = 7,
        Crashed = 8,
    }
}
