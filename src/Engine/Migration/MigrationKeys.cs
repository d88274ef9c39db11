namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// The keys the migration protocol itself reads or rewrites (the client replaces destination_xml,
    /// migrate_uri and destination_name between phases), taken from the table so there is one spelling.
    /// </summary>
    internal static class MigrationKeys
    {
        public static string MigrateUri => MigrationParameterTable.Get(MigrationParameter.MigrateUri).Key;
        public static string DestinationXml => MigrationParameterTable.Get(MigrationParameter.DestinationXml).Key;
        public static string DestinationName => MigrationParameterTable.Get(MigrationParameter.DestinationName).Key;
    }
}
