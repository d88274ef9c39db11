<#
.SYNOPSIS
    Move-VMDomain against `virsh migrate` (issue 14, item 5): the same live guest ('tiny', 64 MiB under TCG)
    between host1 and host2 with the same parameters, managed and peer-to-peer, alternating the tools and the
    direction, in one run. Prints median wall times and ratios; never asserts.
#>
param([int] $Runs = 5, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
if (-not $env:LIBVIRT_PS_HOST2_URI) { throw 'Start the test hosts and load hosts.env first (build.ps1 Bench does).' }
Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'Common.ps1')
$uri = @{ 1 = $env:LIBVIRT_PS_HOST1_URI; 2 = $env:LIBVIRT_PS_HOST2_URI }
$port = [int]$env:LIBVIRT_PS_MIGRATE_PORT_BASE
$name = 'tiny'
foreach ($h in 1, 2) { & virsh -q -c $uri[$h] destroy $name 2>&1 | Out-Null }
& virsh -q -c $uri[1] create $env:LIBVIRT_PS_TINY_XML | Out-Null
$script:on = 1

# One migration of the guest to the other host, by the module or by virsh; returns its wall time.
function Step([string] $Tool, [bool] $P2P) {
    $from = $script:on; $to = 3 - $from
    $migrateUri = "tcp://127.0.0.1:$($port + ($from - 1))"
    $seconds = (Measure-Command {
            if ($Tool -eq 'module') {
                Move-VMDomain -Name $name -Uri $uri[$from] -DestinationUri $uri[$to] -Live -PeerToPeer:$P2P -MigrateUri $migrateUri -Bandwidth 1000 -Confirm:$false
            }
            else {
                [string[]] $arguments = 'migrate', '--live', '--domain', $name, '--desturi', $uri[$to], '--migrateuri', $migrateUri, '--bandwidth', '1000'
                if ($P2P) { $arguments += '--p2p' }
                & virsh -q -c $uri[$from] @arguments | Out-Null
                if ($LASTEXITCODE) { throw "virsh migrate failed" }
            }
        }).TotalSeconds
    $script:on = $to
    $seconds
}

try {
    $null = Step 'module' $false; $null = Step 'virsh' $false   # warm-up
    foreach ($p2p in $false, $true) {
        $module = @(); $virsh = @()
        foreach ($i in 1..$Runs) { $module += Step 'module' $p2p; $virsh += Step 'virsh' $p2p }
        $m = ($module | Sort-Object)[[int][math]::Floor($Runs / 2)]
        $v = ($virsh | Sort-Object)[[int][math]::Floor($Runs / 2)]
        $mode = if ($p2p) { 'peer-to-peer' } else { 'managed' }
        "Live $mode migration of '$name', median of $Runs"
        Write-Ratio 'Move-VMDomain' $m
        Write-Ratio 'virsh migrate' $v $m
    }
}
finally { foreach ($h in 1, 2) { & virsh -q -c $uri[$h] destroy $name 2>&1 | Out-Null } }
