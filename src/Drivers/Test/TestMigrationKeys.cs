namespace Libvirt.Drivers.Test
{
    /// <summary>The migration parameter keys and flag bits the test driver acts on (libvirt's values).</summary>
    internal static class TestMigrationKeys
    {
        public const string DestinationName = "destination_name";
        public const string DestinationXml = "destination_xml";
        public const string PersistentXml = "persistent_xml";
        public const string Bandwidth = "bandwidth";
        public const string MigrateUri = "migrate_uri";

        public const uint Live = 0x1;
        public const uint PeerToPeer = 0x2;
        public const uint PersistDestination = 0x8;
        public const uint UndefineSource = 0x10;
        public const uint Paused = 0x20;
        public const uint Offline = 0x400;
        public const uint Postcopy = 0x8000;
    }
}
