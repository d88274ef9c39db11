<#
.SYNOPSIS
    Get-VMDomain on a fleet: 16 libvirtd daemons (the test driver, a node file of 250 domains each) listed in one
    command, against the same command on one of them, and against python3-libvirt's listAllDomains() + info()
    on one host, on the 16 one after the other and on the 16 in threads. Prints ratios, never asserts times.
.DESCRIPTION
    Starts its own daemons (bench/fleet-hosts.sh, as root) in -State and stops them at the end, unless -UriFile
    names the URIs of a fleet that is already running. Target (issue 14): 16 hosts in at most 2x the time of one.
#>
param([int] $Runs = 7, [int] $Count = 16, [int] $Domains = 250, [string] $State = '/tmp/libvirt-ps-bench',
    [string] $UriFile, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'Common.ps1')

$started = -not $UriFile
if ($started) {
    & bash (Join-Path $PSScriptRoot 'fleet-hosts.sh') start $State $Count $Domains
    if ($LASTEXITCODE -ne 0) { throw 'bench/fleet-hosts.sh could not start the fleet' }
    $UriFile = Join-Path $State 'fleet/uris.txt'
}
try {
    $uris = @(Get-Content $UriFile | Where-Object { $_ })
    # Each connection to a node file parses it anew: connections are held, as a session would.
    $c = @($uris | ForEach-Object { Connect-VMHost -Uri $_ })
    try {
        $null = Get-VMDomain -Connection $c   # warm-up (JIT)
        $one = Measure-Median $Runs { $script:n1 = @(Get-VMDomain -Connection $c[0]).Count }
        $all = Measure-Median $Runs { $script:nAll = @(Get-VMDomain -Connection $c).Count }
        $session = Measure-Median $Runs { $script:nSession = @(Get-VMDomain).Count }
        $throttled = Measure-Median $Runs { $null = @(Get-VMDomain -Connection $c -ThrottleLimit 1) }
    }
    finally { Disconnect-VMHost }
    # Opened for the command and closed after it (-Uri), handshake and node-file parse included.
    $oneOpen = Measure-Median $Runs { $null = @(Get-VMDomain -Uri $uris[0]) }
    $allOpen = Measure-Median $Runs { $null = @(Get-VMDomain -Uri $uris) }
    $peer = (& /usr/bin/python3 (Join-Path $PSScriptRoot 'libvirt_peer.py') fleet $UriFile $Runs) -split ' '

    "$($uris.Count) daemons (test driver), $n1 domains each; one command saw $nAll (session hosts: $nSession)"
    Write-Ratio 'Get-VMDomain, 1 host (connected)' $one
    Write-Ratio "Get-VMDomain, $($uris.Count) hosts (connected)" $all
    '{0,-40} {1,9:N2} x   target <= 2.00' -f "  $($uris.Count) hosts / 1 host", ($all / $one)
    # The daemons all run on this machine: their own work for N hosts is N times one host's, so on C cores no
    # client can list N hosts in less than about N/C times one (the target assumes hosts of their own).
    $cores = [Environment]::ProcessorCount
    '{0,-40} {1,9:N2} x   (N hosts x 1 host / {2} cores: this machine''s floor)' -f '  floor here', ($uris.Count / $cores), $cores
    Write-Ratio "  same, -ThrottleLimit 1 (one at a time)" $throttled
    Write-Ratio 'Get-VMDomain -Uri, 1 host (opens)' $oneOpen
    Write-Ratio "Get-VMDomain -Uri, $($uris.Count) hosts (opens)" $allOpen
    '{0,-40} {1,9:N2} x' -f "  $($uris.Count) hosts / 1 host", ($allOpen / $oneOpen)
    Write-Ratio 'python3-libvirt, 1 host' ([double]$peer[0]) $one
    Write-Ratio "python3-libvirt, $($uris.Count) hosts in a loop" ([double]$peer[1]) $all
    Write-Ratio "python3-libvirt, $($uris.Count) hosts in threads" ([double]$peer[2]) $all
}
finally {
    if ($started) { & bash (Join-Path $PSScriptRoot 'fleet-hosts.sh') stop $State }
}
