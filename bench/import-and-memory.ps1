<#
.SYNOPSIS
    Start-up and memory (issue 14, item 4): Import-Module time over a bare pwsh start, and the managed memory
    held and allocated by listing 1,000 and 4,000 domains (embedded test hosts, and the daemon's 1,000-domain
    test host when its environment is loaded). Prints numbers, never asserts.
#>
param([int] $Runs = 7, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
$module = (Resolve-Path $ModulePath).Path

# A new PowerShell like this one: pwsh itself, or dotnet + pwsh.dll for the dotnet tool.
[string[]] $pwsh = [Environment]::ProcessPath
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
$rest = @($pwsh | Select-Object -Skip 1)
$bare = Measure-Median $Runs { & $pwsh[0] @rest -NoProfile -NonInteractive -Command 'exit 0' }
$imported = Measure-Median $Runs { & $pwsh[0] @rest -NoProfile -NonInteractive -Command "Import-Module '$module'; exit 0" }
$firstCall = Measure-Median $Runs { & $pwsh[0] @rest -NoProfile -NonInteractive -Command "Import-Module '$module'; `$null = Get-VMDomain -Uri test:///default; exit 0" }
'Start-up (median of {0} new processes)' -f $Runs
Write-Ratio 'pwsh -Command exit' $bare
Write-Ratio 'pwsh + Import-Module Libvirt' $imported
'{0,-40} {1,9:N0} ms' -f 'Import-Module over bare pwsh', (($imported - $bare) * 1000)
'{0,-40} {1,9:N0} ms' -f '... and a first Get-VMDomain', (($firstCall - $bare) * 1000)

# Memory: in a process of its own, so nothing else this script did is counted.
$memory = @"
Import-Module '$module'
function Node([int] `$n) {
    `$path = Join-Path ([IO.Path]::GetTempPath()) "lps-bench-`$n.xml"
    `$sb = [Text.StringBuilder]::new('<node>')
    foreach (`$i in 1..`$n) { [void]`$sb.Append("<domain type='test'><name>d`$i</name><memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>") }
    [void]`$sb.Append('</node>'); [IO.File]::WriteAllText(`$path, `$sb.ToString()); `$path
}
`$uris = @((Node 1000), (Node 4000) | ForEach-Object { "test://`$_" })
if (`$env:LIBVIRT_PS_MANY_URI) { `$uris += `$env:LIBVIRT_PS_MANY_URI }
foreach (`$u in `$uris) {
    `$c = Connect-VMHost -Uri `$u
    `$null = Get-VMDomain -Connection `$c
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    `$before = [GC]::GetTotalMemory(`$true); `$alloc = [GC]::GetTotalAllocatedBytes(`$true)
    `$list = @(Get-VMDomain -Connection `$c)
    `$allocated = [GC]::GetTotalAllocatedBytes(`$true) - `$alloc
    `$held = [GC]::GetTotalMemory(`$true) - `$before
    '{0,-40} {1,6} domains: {2,8:N0} KiB allocated ({3:N1} KiB each), {4,8:N0} KiB held' -f (`$u -replace '\?.*', '' -replace '^(.{0,40}).*', '`$1'), `$list.Count, (`$allocated / 1KB), (`$allocated / 1KB / `$list.Count), (`$held / 1KB)
    `$list = `$null
    Disconnect-VMHost -Connection `$c
}
'{0,-40} {1,8:N0} MiB' -f 'working set at the end', ([Diagnostics.Process]::GetCurrentProcess().WorkingSet64 / 1MB)
"@
'Memory of one listing (Get-VMDomain into an array)'
& $pwsh[0] @rest -NoProfile -NonInteractive -Command $memory
