using Libvirt.Engine.Migration;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// The migration tables the cmdlets read. Always libvirt's tables in normal use; a test may put tables
    /// with a synthetic row here to prove that a new row needs no other change.
    /// </summary>
    public static class MigrationTablesScope
    {
        private static MigrationTables _current = MigrationTables.Default;

        public static MigrationTables Current
        {
            get => _current;
            set => _current = value ?? MigrationTables.Default;
        }
    }
}
