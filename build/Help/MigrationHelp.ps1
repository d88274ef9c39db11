# Move-VMDomain's dynamic parameters are the rows of the migration tables, so their help is written from
# the rows at build time, never by hand: a new row gets its Get-Help entry and its line in
# about_Libvirt_Migration without a help edit. The rows come from the loaded module, through the same
# scope the cmdlet reads (a test may put tables with a synthetic row there).

function Get-MigrationCatalog {
    $tables = [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current
    @([Libvirt.Engine.Migration.MigrationCatalog]::List($tables))
}

# Name -> the help text of that row (description, type, unit, range or values, release, rules, aliases).
function Get-MigrationParameterHelp {
    $help = @{}
    foreach ($e in Get-MigrationCatalog) { $help[$e.Name] = $e.Help }
    $help
}

# The parameter and flag tables as text for about_Libvirt_Migration: one entry per row, the name and
# libvirt's identifiers on the first line, the row's description below.
function Format-MigrationTable {
    param([int] $Width = 80)
    $catalog = Get-MigrationCatalog
    foreach ($kind in 'Parameter', 'Flag') {
        $rows = @($catalog | Where-Object { "$($_.Kind)" -eq $kind })
        if ($kind -eq 'Parameter') { 'Parameters (-Name <type>, libvirt key and constant, release that added it):' }
        else { 'Flags (switches; libvirt constant and bit, release that added it):' }
        ''
        foreach ($e in $rows) {
            $head = if ($kind -eq 'Parameter') { "-$($e.Name) <$($e.Type)>    $($e.Key) ($($e.Constant)), libvirt $($e.Since)" }
            else { "-$($e.Name)    $($e.Constant) (0x$('{0:x}' -f $e.Value)), libvirt $($e.Since)" }
            $head
            $text = $e.Description
            if ($e.Unit) { $text += " Unit: $($e.Unit)." }
            if ($e.Allowed) { $text += " Allowed: $($e.Allowed)." }
            if ($e.Rules.Count) { $text += ' ' + (($e.Rules | ForEach-Object { $_.Substring(0, 1).ToUpperInvariant() + $_.Substring(1) }) -join '; ') + '.' }
            if ($e.Aliases.Count) { $text += " Aliases: $($e.Aliases -join ', ')." }
            Split-TextLine $text ($Width - 4) | ForEach-Object { '    ' + $_ }
        }
        ''
    }
}
