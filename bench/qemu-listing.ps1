<#
.SYNOPSIS
    Listing a realistic QEMU host (issue 14, item 2): 1,000 defined, shut-off QEMU domains plus a few running
    ones, measured by list-domains.ps1 against libvirt's own C client and virsh on the same daemon.
.DESCRIPTION
    Needs the real hosts' environment (build.ps1 Bench sets it up). Defines bench0001... on host1 and removes
    them afterwards.
#>
param([int] $Runs = 7, [int] $Count = 1000, [int] $Running = 3, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
if (-not $env:LIBVIRT_PS_HOST1_URI) { throw 'Start the test hosts and load hosts.env first (build.ps1 Bench does).' }
$uri = $env:LIBVIRT_PS_HOST1_URI
$peer = Join-Path $PSScriptRoot 'libvirt_peer.py'

& /usr/bin/python3 $peer undefine $uri
& /usr/bin/python3 $peer define $uri $env:LIBVIRT_PS_TINY_XML $Count
if ($LASTEXITCODE) { throw 'defining the bench domains failed' }
try {
    foreach ($i in 1..$Running) { & virsh -q -c $uri start ('bench{0:D4}' -f $i) | Out-Null }
    & (Join-Path $PSScriptRoot 'list-domains.ps1') -Runs $Runs -Uri $uri -ModulePath $ModulePath
}
finally { & /usr/bin/python3 $peer undefine $uri }
