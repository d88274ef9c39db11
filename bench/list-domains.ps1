<#
.SYNOPSIS
    Get-VMDomain over the 1,000-domain test host against libvirt's own C client (python3-libvirt) and virsh,
    measured in the same run on the same daemon. Prints ratios, never asserts times.
.DESCRIPTION
    Needs the real hosts: `bash tests/hosts/setup.sh && bash tests/hosts/start.sh /tmp/lps-bench`, then
    `set -a; . /tmp/lps-bench/hosts.env; set +a; dotnet pwsh ./bench/list-domains.ps1`.
#>
param([int] $Runs = 9, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
if (-not $env:LIBVIRT_PS_MANY_URI) { throw 'Start the test hosts and load hosts.env first (see the help of this script).' }
Import-Module $ModulePath
$uri = $env:LIBVIRT_PS_MANY_URI

function Median([double[]] $xs) { $s = $xs | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

# The daemon's test driver resets when no connection is open: keep one open for every client.
$c = Connect-VMHost -Uri $uri
$null = Get-VMDomain -Connection $c   # warm-up (JIT)
$module = Median (1..$Runs | ForEach-Object { (Measure-Command { $script:n = @(Get-VMDomain -Connection $c).Count }).TotalSeconds })

$peer = (& /usr/bin/python3 (Join-Path $PSScriptRoot 'list_domains_peer.py') $uri $Runs) -split ' '
$python = [double]$peer[0]

$virsh = Median (1..$Runs | ForEach-Object { (Measure-Command { & virsh -c $uri list --all | Out-Null }).TotalSeconds })

"Domains: $n (python3-libvirt saw $($peer[1]))"
'{0,-34} {1,8:N3} s' -f 'Get-VMDomain (this module)', $module
'{0,-34} {1,8:N3} s   ratio {2:N2}' -f 'python3-libvirt listAllDomains+info', $python, ($module / $python)
'{0,-34} {1,8:N3} s   ratio {2:N2}' -f 'virsh list --all (names, states)', $virsh, ($module / $virsh)
Disconnect-VMHost
