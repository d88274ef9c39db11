using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// The way callers reach an object kind: <c>driver.Domains()</c>, <c>driver.Host()</c>, <c>driver.Migration()</c>.
    /// A kind the driver lacks is one NoSupport LibvirtException naming the kind and the URI.
    /// </summary>
    public static class DriverKinds
    {
        public static IHostDriver Host(this IHypervisorDriver driver) => driver.Require<IHostDriver>("host");

        public static IDomainDriver Domains(this IHypervisorDriver driver) => driver.Require<IDomainDriver>("domains");

        public static IDomainEventDriver DomainEvents(this IHypervisorDriver driver) => driver.Require<IDomainEventDriver>("domain events");
        public static IDomainConfigDriver DomainConfig(this IHypervisorDriver driver) => driver.Require<IDomainConfigDriver>("domain configuration");
        public static IDeviceDriver Devices(this IHypervisorDriver driver) => driver.Require<IDeviceDriver>("devices");

        public static IStatsDriver Stats(this IHypervisorDriver driver) => driver.Require<IStatsDriver>("statistics");

        public static ISnapshotDriver Snapshots(this IHypervisorDriver driver) => driver.Require<ISnapshotDriver>("snapshots");

        public static IMigrationDriver Migration(this IHypervisorDriver driver) => driver.Require<IMigrationDriver>("migration");

        public static INetworkDriver Networks(this IHypervisorDriver driver) => driver.Require<INetworkDriver>("networks");

        public static IStoragePoolDriver StoragePools(this IHypervisorDriver driver) => driver.Require<IStoragePoolDriver>("storage pools");
        public static IStorageVolumeDriver StorageVolumes(this IHypervisorDriver driver) => driver.Require<IStorageVolumeDriver>("storage volumes");
        public static IConsoleDriver Consoles(this IHypervisorDriver driver) => driver.Require<IConsoleDriver>("console");

        /// <summary>The driver's <typeparamref name="TKind"/>, or NoSupport when it has none.</summary>
        public static TKind Require<TKind>(this IHypervisorDriver driver, string kind) where TKind : class =>
            driver.Kind<TKind>() ?? throw new LibvirtException(ErrorCode.NoSupport, ErrorDomain.None,
                $"this function is not supported by the connection driver: {driver.Uri} has no {kind} driver") { Target = driver.Uri.OriginalString };
    }
}
