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

# The parameter and flag tables as text for about_Libvirt_Migration: one entry per row, the name (and type)
# on the first line, then libvirt's identifiers, the release that added the row and its description.
function Format-MigrationTable {
    param([int] $Width = 80)
    $catalog = Get-MigrationCatalog
    foreach ($kind in 'Parameter', 'Flag') {
        if ($kind -eq 'Parameter') { 'PARAMETERS (typed parameters, VIR_MIGRATE_PARAM_*)' } else { 'FLAGS (switches, VIR_MIGRATE_*)' }
        ''
        foreach ($e in $catalog | Where-Object { "$($_.Kind)" -eq $kind }) {
            if ($kind -eq 'Parameter') {
                "-$($e.Name) <$($e.Type)>"
                $text = "libvirt key $($e.Key) ($($e.Constant)), since libvirt $($e.Since). $($e.Description)"
            }
            else {
                "-$($e.Name)"
                $text = "libvirt flag $($e.Constant) (0x$('{0:x}' -f $e.Value)), since libvirt $($e.Since). $($e.Description)"
            }
            if ($e.Unit) { $text += " Unit: $($e.Unit)." }
            if ($e.Allowed) { $text += " Allowed: $($e.Allowed)." }
            if ($e.Rules.Count) { $rules = $e.Rules -join '; '; $text += ' ' + $rules.Substring(0, 1).ToUpperInvariant() + $rules.Substring(1) + '.' }
            if ($e.Aliases.Count) { $text += " Aliases: $($e.Aliases -join ', ')." }
            Split-TextLine $text ($Width - 4) | ForEach-Object { '    ' + $_ }
            ''
        }
    }
}
