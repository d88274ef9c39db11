<#
.SYNOPSIS
    Get-VMDomain over every domain of one host against libvirt's own C client (python3-libvirt
    getAllDomainStats(state|balloon|vcpu), and listAllDomains() + info() per domain) and `virsh list --all`,
    measured in the same run on the same daemon. Prints ratios, never asserts times.
.DESCRIPTION
    By default the daemon's 1,000-domain test-driver host (LIBVIRT_PS_MANY_URI); qemu-listing.ps1 runs it on a QEMU
    host. Needs the real hosts: `bash tests/hosts/setup.sh && bash tests/hosts/start.sh /tmp/lps-bench`, then
    `set -a; . /tmp/lps-bench/hosts.env; set +a; dotnet pwsh ./bench/list-domains.ps1` (build.ps1 Bench does all this).
#>
param([int] $Runs = 9, [string] $Uri = $env:LIBVIRT_PS_MANY_URI, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
if (-not $Uri) { throw 'Start the test hosts and load hosts.env first (see the help of this script).' }
Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'Common.ps1')

# The daemon's test driver resets when no connection is open: keep one open for every client.
$c = Connect-VMHost -Uri $Uri
try {
    $null = Get-VMDomain -Connection $c   # warm-up (JIT)
    $module = Measure-Median $Runs { $script:n = @(Get-VMDomain -Connection $c).Count }
    $peer = (& /usr/bin/python3 (Join-Path $PSScriptRoot 'libvirt_peer.py') list $Uri $Runs) -split ' '
    $virsh = Measure-Median $Runs { & virsh -c $Uri list --all | Out-Null }
    $h = Get-VMHost -Connection $c
    "$n domains on $($h.HypervisorType) $($h.Hostname) (libvirt $($h.LibvirtVersion)); python3-libvirt saw $($peer[2])"
    Write-Ratio 'Get-VMDomain (this module)' $module
    Write-Ratio 'getAllDomainStats(state|balloon|vcpu)' ([double]$peer[0]) $module
    Write-Ratio 'listAllDomains() + info() each' ([double]$peer[1]) $module
    Write-Ratio 'virsh list --all (names, states)' $virsh $module
}
finally { Disconnect-VMHost -Connection $c }
