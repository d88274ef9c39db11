using Libvirt.Engine.Migration;

namespace Libvirt.Drivers.Test
{
    /// <summary>The migration parameter keys and flag bits the test driver acts on, spelled once, by the migration tables.</summary>
    internal static class TestMigrationKeys
    {
        public static readonly string DestinationName = Key(MigrationParameter.DestinationName);
        public static readonly string DestinationXml = Key(MigrationParameter.DestinationXml);
        public static readonly string PersistentXml = Key(MigrationParameter.PersistentXml);
        public static readonly string Bandwidth = Key(MigrationParameter.Bandwidth);
        public static readonly string MigrateUri = Key(MigrationParameter.MigrateUri);

        public const uint Live = (uint)MigrationFlag.Live;
        public const uint PeerToPeer = (uint)MigrationFlag.PeerToPeer;
        public const uint PersistDestination = (uint)MigrationFlag.PersistDestination;
        public const uint UndefineSource = (uint)MigrationFlag.UndefineSource;
        public const uint Paused = (uint)MigrationFlag.Paused;
        public const uint ChangeProtection = (uint)MigrationFlag.ChangeProtection;
        public const uint Offline = (uint)MigrationFlag.Offline;
        public const uint Postcopy = (uint)MigrationFlag.Postcopy;

        private static string Key(MigrationParameter p) => MigrationParameterTable.Get(p).Key;
    }
}
