<#
.SYNOPSIS
    Runs one help page's examples in order and prints each one's output after a marker line, as a console
    would show it. Started by ExampleRunner.ps1 in a PowerShell of its own, so that every page begins with the
    test hypervisor's initial state.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # A JSON array of the examples' code.
    [Parameter(Mandatory)] [string] $ExamplesFile,
    [Parameter(Mandatory)] [string] $Marker
)

$ErrorActionPreference = 'Continue'
$PSStyle.OutputRendering = 'PlainText'
# $ConfirmPreference stays as a user has it: an example that would prompt fails here (NonInteractive), so
# examples say -Confirm:$false or -Force where a console would ask.
Import-Module $ModulePath
Connect-VMHost -Uri test:///default | Out-Null

# Objects are formatted together, as at the end of a console command; warnings and errors get the one line
# a console shows for them.
function Show-ExampleOutput([object[]] $Records) {
    $pending = [System.Collections.Generic.List[object]]::new()
    $flush = { if ($pending.Count) { $pending | Out-String -Width 100 -Stream; $pending.Clear() } }
    foreach ($r in $Records) {
        if ($r -is [System.Management.Automation.WarningRecord]) { & $flush; "WARNING: $($r.Message)" }
        elseif ($r -is [System.Management.Automation.ErrorRecord]) { & $flush; "$($r.InvocationInfo.MyCommand.Name): $($r.Exception.Message)" }
        else { $pending.Add($r) }
    }
    & $flush
}

foreach ($code in Get-Content -LiteralPath $ExamplesFile -Raw | ConvertFrom-Json) {
    $Marker
    # In a scope of its own: an example stands alone (only the hosts' state carries over to the next one).
    Show-ExampleOutput @(& ([scriptblock]::Create($code)) 2>&1 3>&1)
}
