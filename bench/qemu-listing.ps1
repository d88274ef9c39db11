<#
.SYNOPSIS
    Listing a realistic QEMU host (issue 14, item 2): 1,000 defined, shut-off QEMU domains plus a few running
    ones, Get-VMDomain against libvirt's own C client (python3-libvirt getAllDomainStats(state|balloon|vcpu),
    listAllDomains()+info()) and `virsh list --all`, in the same run on the same daemon. Prints ratios.
.DESCRIPTION
    Needs the real hosts' environment (build.ps1 Bench sets it up). Defines bench0001... on host1 and removes
    them afterwards.
#>
param([int] $Runs = 7, [int] $Count = 1000, [int] $Running = 3, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
if (-not $env:LIBVIRT_PS_HOST1_URI) { throw 'Start the test hosts and load hosts.env first (build.ps1 Bench does).' }
Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'Common.ps1')
$uri = $env:LIBVIRT_PS_HOST1_URI
$peer = Join-Path $PSScriptRoot 'qemu_host_peer.py'

& /usr/bin/python3 $peer undefine $uri
& /usr/bin/python3 $peer define $uri $env:LIBVIRT_PS_TINY_XML $Count
if ($LASTEXITCODE) { throw 'defining the bench domains failed' }
try {
    foreach ($i in 1..$Running) { & virsh -q -c $uri start ('bench{0:D4}' -f $i) | Out-Null }
    $c = Connect-VMHost -Uri $uri
    $null = Get-VMDomain -Connection $c   # warm-up (JIT)
    $module = Measure-Median $Runs { $script:n = @(Get-VMDomain -Connection $c).Count }
    $p = (& /usr/bin/python3 $peer list $uri $Runs) -split ' '
    $virsh = Measure-Median $Runs { & virsh -c $uri list --all | Out-Null }
    "QEMU host: $n domains ($Running running), libvirt $((Get-VMHost -Connection $c).LibvirtVersion); python3-libvirt saw $($p[2])"
    Write-Ratio 'Get-VMDomain (this module)' $module
    Write-Ratio 'getAllDomainStats(state|balloon|vcpu)' ([double]$p[0]) $module
    Write-Ratio 'listAllDomains() + info() each' ([double]$p[1]) $module
    Write-Ratio 'virsh list --all (names, states)' $virsh $module
}
finally {
    Disconnect-VMHost
    & /usr/bin/python3 $peer undefine $uri
}
