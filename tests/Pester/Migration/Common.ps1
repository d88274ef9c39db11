# Shared by the migration Pester tests: dot-source it in BeforeAll.
# Imports the module from $env:LIBVIRT_PS_MODULE, else <repo>/out/Libvirt, and offers helpers that build
# a fresh pair of in-process test hosts (test:///m-<guid>-s → test:///m-<guid>-d) for each test.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
$modulePath = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $script:RepoRoot 'out/Libvirt' }
if (-not (Get-Module Libvirt)) { Import-Module $modulePath -ErrorAction Stop }
$script:ModulePath = $modulePath
$script:CreatedUris = [System.Collections.Generic.List[string]]::new()

function Get-MigDomainXml([string] $Name = 'vm1', [int] $MemoryMiB = 16) {
    "<domain type='test'><name>$Name</name><memory unit='MiB'>$MemoryMiB</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>"
}

# A fresh source host with one domain (running unless -NoStart) and an empty destination host.
function New-MigPair {
    param([string] $Name = 'vm1', [int] $MemoryMiB = 16, [switch] $NoStart)
    $g = [guid]::NewGuid().ToString('n')
    $pair = [pscustomobject]@{ Src = "test:///m-$g-s"; Dst = "test:///m-$g-d"; Name = $Name }
    $script:CreatedUris.Add($pair.Src); $script:CreatedUris.Add($pair.Dst)
    New-VMDomain -Xml (Get-MigDomainXml $Name $MemoryMiB) -Uri $pair.Src -Start:(-not $NoStart) -Confirm:$false -ErrorAction Stop | Out-Null
    $pair
}

# The domain's state on a host, or $null when the host has no such domain.
function Get-MigState([string] $Uri, [string] $Name) {
    $d = Get-VMDomain -Uri $Uri -ErrorAction SilentlyContinue | Where-Object Name -eq $Name
    if ($d) { "$($d.State)" } else { $null }
}

function Get-MigNames([string] $Uri) { @(Get-VMDomain -Uri $Uri -ErrorAction SilentlyContinue | ForEach-Object Name) }

# The guarantee of every refusal and abort: still running on the source, nothing on the destination.
function Assert-MigUntouched($Pair) {
    Get-MigState $Pair.Src $Pair.Name | Should -Be 'Running' -Because 'the domain must keep running on the source'
    Get-MigNames $Pair.Dst | Should -BeNullOrEmpty -Because 'nothing may appear on the destination'
    (Get-VMDomainJob -Name $Pair.Name -Uri $Pair.Src).Type | Should -Be 'None' -Because 'no job may be left on the source'
}

function Remove-MigHosts {
    foreach ($u in $script:CreatedUris) { Disconnect-VMHost -Uri $u -Confirm:$false -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
    $script:CreatedUris.Clear()
}

# Runs a script in a fresh PowerShell instance with the module loaded (for progress, Stop() and parallel work).
function New-MigShell {
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
    $iss.ImportPSModule([string[]]@($script:ModulePath))
    $rs = [runspacefactory]::CreateRunspace($iss)
    $rs.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $rs
    $ps
}

# Gives the pair's source host a clock that only moves when told (Step-MigClock): tests then assert exact
# progress in the host's time instead of wall-clock windows.
function New-MigClock($Pair) {
    $clock = [Libvirt.Drivers.Test.ManualTestClock]::new()
    [Libvirt.Drivers.Test.TestDriver]::UseClock($Pair.Src, $clock)
    $clock
}

# Once the transfer waits on the clock, moves it on; unless -Last, waits until the transfer waits again. The
# 30 s only keep a broken test from hanging.
function Step-MigClock($Clock, [double] $Seconds, [switch] $Last) {
    $guard = [timespan]::FromSeconds(30)
    $Clock.WaitForWaiters(1, $guard) | Should -BeTrue -Because 'the transfer waits on the host clock'
    $Clock.Advance([timespan]::FromSeconds($Seconds))
    if (-not $Last) { $Clock.WaitForWaiters(1, $guard) | Should -BeTrue -Because 'the transfer goes on waiting on the host clock' }
}

function Wait-MigCondition([scriptblock] $Condition, [int] $TimeoutMs = 10000, [string] $Because = 'the condition') {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($sw.ElapsedMilliseconds -gt $TimeoutMs) { throw "Timed out waiting for $Because" }
        Start-Sleep -Milliseconds 50
    }
}

# A hashtable as the IDictionary<string, object> that MigrationParameterSet.Parse takes.
function ConvertTo-MigDictionary([System.Collections.IDictionary] $Table) {
    $d = [System.Collections.Generic.Dictionary[string, object]]::new()
    foreach ($k in $Table.Keys) { $d[$k] = $Table[$k] }
    , $d
}

# Runs Move-VMDomain on the pair with extra parameters and returns the error that refused it.
function Invoke-Refused($Pair, [hashtable] $Extra) {
    $splat = @{ Name = $Pair.Name; Uri = $Pair.Src; DestinationUri = $Pair.Dst; Confirm = $false; ErrorAction = 'Stop' }
    foreach ($k in $Extra.Keys) { $splat[$k] = $Extra[$k] }
    $err = $null
    try { Move-VMDomain @splat } catch { $err = $_ }
    $err | Should -Not -BeNullOrEmpty -Because 'the migration must be refused'
    $err
}
