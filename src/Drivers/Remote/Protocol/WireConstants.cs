namespace Libvirt.Drivers.Remote.Protocol
{
    /// <summary>VIR_DRV_FEATURE_* values asked with CONNECT_SUPPORTS_FEATURE (libvirt_internal.h).</summary>
    internal enum DriverFeature
    {
        MigrationV3 = 6,
        TypedParamString = 9,
        ProgramKeepAlive = 10,
        MigrationParams = 13,
        RemoteEventCallback = 14,
    }

    /// <summary>REMOTE_AUTH_* values returned by AUTH_LIST.</summary>
    internal enum AuthType
    {
        None = 0,
        Sasl = 1,
        Polkit = 2,
    }

    /// <summary>Flag values of the calls this driver makes (libvirt-domain.h, libvirt-host.h, 9.0).</summary>
    internal static class WireFlags
    {
        /// <summary>virConnectFlags VIR_CONNECT_RO for CONNECT_OPEN.</summary>
        public const uint ConnectReadOnly = 1;

        /// <summary>virConnectListAllDomainsFlags.</summary>
        public const uint ListPersistent = 4;
        public const uint ListAutostart = 1024;

        /// <summary>virDomainStatsTypes for CONNECT_GET_ALL_DOMAIN_STATS.</summary>
        public const uint StatsState = 1;
        public const uint StatsCpuTotal = 2;
        public const uint StatsBalloon = 4;
        public const uint StatsVcpu = 8;

        /// <summary>virDomainXMLFlags VIR_DOMAIN_XML_INACTIVE.</summary>
        public const uint XmlInactive = 2;

        /// <summary>VIR_DOMAIN_JOB_STATS_COMPLETED.</summary>
        public const uint JobStatsCompleted = 1;

        /// <summary>VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED: reading the completed job's statistics does not clear them.</summary>
        public const uint JobStatsKeepCompleted = 2;

        /// <summary>VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY.</summary>
        public const uint MaxSpeedPostcopy = 1;
    }

    /// <summary>Typed parameter names in CONNECT_GET_ALL_DOMAIN_STATS records.</summary>
    internal static class DomainStatsKeys
    {
        public const string State = "state.state";
        public const string Reason = "state.reason";
        public const string CpuTime = "cpu.time";
        public const string BalloonCurrent = "balloon.current";
        public const string BalloonMaximum = "balloon.maximum";
        public const string VcpuCurrent = "vcpu.current";
    }
}
