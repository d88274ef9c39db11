<#
.SYNOPSIS
    Many calls on one connection (issue 14, item 3): 1,000 domain lookups by name, one after the other and
    spread over 16 threads, through this module's driver and through libvirt's C client (python3-libvirt:
    lookupByName plus info, state, persistence and autostart, in a loop and in threads), on the same daemon in the same run. Prints ratios.
.DESCRIPTION
    The module's lookups go through the connection's driver (LookupByName resolves the name and reads the
    domain's info, as Get-VMDomain -Name does); the concurrent run uses ForEach-Object -Parallel on one
    shared connection. Needs the hosts' environment (build.ps1 Bench).
#>
param([int] $Runs = 5, [int] $Count = 1000, [int] $Threads = 16, [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))
$ErrorActionPreference = 'Stop'
if (-not $env:LIBVIRT_PS_MANY_URI) { throw 'Start the test hosts and load hosts.env first (build.ps1 Bench does).' }
Import-Module $ModulePath
. (Join-Path $PSScriptRoot 'Common.ps1')
$uri = $env:LIBVIRT_PS_MANY_URI
$c = Connect-VMHost -Uri $uri
try {
    $names = @((Get-VMDomain -Connection $c).Name | Select-Object -First $Count)
    $driver = [Libvirt.Engine.Drivers.DriverKinds]::Domains($c.Driver)
    $none = [Threading.CancellationToken]::None
    $null = $driver.LookupByNameAsync($names[0], $none).GetAwaiter().GetResult()   # warm-up (JIT)
    $sequential = Measure-Median $Runs { foreach ($n in $names) { $null = $driver.LookupByNameAsync($n, $none).GetAwaiter().GetResult() } }
    # Every lookup sent at once on the one connection (the driver surface is asynchronous): what a fleet command does.
    $pipelined = Measure-Median $Runs {
        $tasks = [Collections.Generic.List[Threading.Tasks.Task]]::new()
        foreach ($n in $names) { $tasks.Add($driver.LookupByNameAsync($n, $none)) }
        [Threading.Tasks.Task]::WhenAll($tasks).GetAwaiter().GetResult()
    }
    $cmdlet = Measure-Median $Runs { $null = Get-VMDomain -Connection $c -Name $names }
    $chunks = @(0..($Threads - 1) | ForEach-Object { $t = $_; , @($names | Where-Object { [array]::IndexOf($names, $_) % $Threads -eq $t }) })
    $concurrent = Measure-Median $Runs {
        $chunks | ForEach-Object -ThrottleLimit $Threads -Parallel {
            $d = $using:driver; $ct = [Threading.CancellationToken]::None
            foreach ($n in $_) { $null = $d.LookupByNameAsync($n, $ct).GetAwaiter().GetResult() }
        }
    }
    $p = (& /usr/bin/python3 (Join-Path $PSScriptRoot 'libvirt_peer.py') lookups $uri $Runs $Count $Threads) -split ' '
    "$Count lookups by name on one connection ($uri)"
    Write-Ratio 'module, sequential (LookupByNameAsync)' $sequential
    Write-Ratio 'python3-libvirt lookup+info loop' ([double]$p[0]) $sequential
    Write-Ratio 'python3-libvirt bare lookupByName loop' ([double]$p[2]) $sequential
    Write-Ratio "module, $Threads threads" $concurrent
    Write-Ratio "python3-libvirt, $Threads threads" ([double]$p[1]) $concurrent
    Write-Ratio 'module, all 1,000 in flight at once' $pipelined
    Write-Ratio "  vs python3-libvirt, $Threads threads" ([double]$p[1]) $pipelined
    Write-Ratio '  vs python3-libvirt lookup+info loop' ([double]$p[0]) $pipelined
    Write-Ratio 'Get-VMDomain -Name <1,000 names>' $cmdlet
}
finally { Disconnect-VMHost }
