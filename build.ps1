#requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests and demonstrates the Libvirt module.
.DESCRIPTION
    Tasks:
      Build  compile and lay out an importable module in out/Libvirt (Import-Module ./out/Libvirt)
      Test   Build, start the real libvirt test hosts (Linux, as root), run the xunit and Pester suites and the
             net472 harness under mono (tests/Net472),
             print one summary line per runner ("Unit: N passed, M failed"), exit non-zero on any failure
      Demo   Build, then manage VMs on the embedded test hypervisor with readable output
      Bench  Build, start real libvirt hosts of its own (Linux, as root), run every benchmark in bench/ against
             libvirt's own client in the same run, write out/bench/results.txt (see docs/performance.md)
      Package  Build, then write the PowerShell Gallery packages out/package/Libvirt.<version>.nupkg and
               Libvirt.Dsc.<version>.nupkg
      Clean  remove build output
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Skip starting the real libvirt hosts (tests that need them then fail, they are not skipped).
    [switch] $NoHosts
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Libvirt'
$PackagesDir = Join-Path $Root '.packages'
$PesterVersion = '5.7.1'
$HostsState = if ($env:LIBVIRT_PS_STATE_DIR) { $env:LIBVIRT_PS_STATE_DIR } else { '/tmp/libvirt-ps-hosts' }
$TransportsState = if ($env:LIBVIRT_PS_TRANSPORTS_DIR) { $env:LIBVIRT_PS_TRANSPORTS_DIR } else { '/tmp/libvirt-ps-transports' }

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

# The command that starts another PowerShell like this one: pwsh itself, or dotnet + pwsh.dll for the dotnet tool.
function Get-PwshCommand {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

function Invoke-Pwsh {
    $pwsh = Get-PwshCommand
    $rest = @($pwsh | Select-Object -Skip 1)
    & $pwsh[0] @rest @args
}

function Invoke-Build {
    Write-Host "==> Build ($Configuration)" -ForegroundColor Cyan
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $Root 'src/Module/Libvirt.PowerShell.csproj') -c $Configuration --nologo -v quiet -clp:NoSummary }
    $bin = Join-Path $Root "src/Module/bin/$Configuration/netstandard2.0"
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut | Out-Null
    foreach ($dll in 'Libvirt.PowerShell', 'Libvirt.Engine', 'Libvirt.Drivers', 'Libvirt.Drivers.Test', 'Libvirt.Drivers.Remote') {
        Copy-Item (Join-Path $bin "$dll.dll") $ModuleOut
    }
    # Third-party runtime dependencies of the drivers (none is PowerShell itself) go to dependencies/, where only
    # the module's resolver finds them: on pwsh 7 into the module's own load context (src/Loader), so another
    # module's copy of SSH.NET or BouncyCastle, of any version, does not clash with these.
    $deps = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies')
    Get-ChildItem $bin -Filter '*.dll' | Where-Object { $_.Name -notlike 'Libvirt.*' -and $_.Name -ne 'System.Management.Automation.dll' } |
        Copy-Item -Destination $deps
    Invoke-Native 'dotnet build (loader)' { dotnet build (Join-Path $Root 'src/Loader/Libvirt.PowerShell.Loader.csproj') -c $Configuration --nologo -v quiet -clp:NoSummary }
    Copy-Item (Join-Path $Root "src/Loader/bin/$Configuration/net8.0/Libvirt.PowerShell.Loader.dll") $ModuleOut
    Write-Manifest -Source (Join-Path $Root 'Libvirt.psd1') -Destination (Join-Path $ModuleOut 'Libvirt.psd1')
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Write-FormatData -Sources (Get-ChildItem (Join-Path $Root 'formats') -Filter '*.Format.ps1xml' | Sort-Object Name) -Destination (Join-Path $ModuleOut 'Libvirt.Format.ps1xml')
    # Help is written from docs/help and the cmdlets' metadata, in a process of its own that loads the module.
    Invoke-Native 'help' { Invoke-Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'build/Help/Build-Help.ps1') -ModulePath $ModuleOut -DocsPath (Join-Path $Root 'docs/help') }
    Write-DscModule
    Write-Host "Module laid out in $ModuleOut"
}

# out/Libvirt.Dsc: the DSC resources (src/Dsc), a module of their own that requires Libvirt, at Libvirt's version.
function Write-DscModule {
    $dscOut = Join-Path $Out 'Libvirt.Dsc'
    if (Test-Path $dscOut) { Remove-Item $dscOut -Recurse -Force }
    New-Item -ItemType Directory -Path $dscOut | Out-Null
    Copy-Item (Join-Path $Root 'src/Dsc/Libvirt.Dsc.psm1'), (Join-Path $Root 'LICENSE') $dscOut
    $version = (Import-PowerShellDataFile (Join-Path $Root 'Libvirt.psd1')).ModuleVersion
    $text = Get-Content (Join-Path $Root 'src/Dsc/Libvirt.Dsc.psd1') -Raw
    if (-not $text.Contains("ModuleVersion        = '0.0.0'")) { throw 'src/Dsc/Libvirt.Dsc.psd1 has no ModuleVersion placeholder.' }
    Write-Manifest -Source (Join-Path $Root 'src/Dsc/Libvirt.Dsc.psd1') -Destination (Join-Path $dscOut 'Libvirt.Dsc.psd1') `
        -Text $text.Replace("ModuleVersion        = '0.0.0'", "ModuleVersion        = '$version'")
    # Its about topic, written from docs/help with Libvirt's help (Build-Help.ps1).
    New-Item -ItemType Directory -Path (Join-Path $dscOut 'en-US') | Out-Null
    Copy-Item (Join-Path $ModuleOut 'en-US/about_Libvirt_Dsc.help.txt') (Join-Path $dscOut 'en-US')
}

# The manifest as shipped: the source one, with this version's section of CHANGELOG.md as its release notes.
function Write-Manifest([string] $Source, [string] $Destination, [string] $Text) {
    $text = if ($Text) { $Text } else { Get-Content $Source -Raw }
    $version = (Import-PowerShellDataFile (Join-Path $Root 'Libvirt.psd1')).ModuleVersion
    $notes = Get-ReleaseNotes -Version $version
    $quoted = "'" + ($notes -replace "'", "''") + "'"
    $placeholder = "ReleaseNotes = 'See CHANGELOG.md'"
    if (-not $text.Contains($placeholder)) { throw "$Source has no line $placeholder for the release notes." }
    Set-Content -Path $Destination -Value $text.Replace($placeholder, "ReleaseNotes = $quoted") -NoNewline
}

# The section of CHANGELOG.md under '## <version>', up to the next '## ' heading.
function Get-ReleaseNotes([string] $Version) {
    $lines = Get-Content (Join-Path $Root 'CHANGELOG.md')
    $start = [array]::IndexOf($lines, "## $Version")
    if ($start -lt 0) { throw "CHANGELOG.md has no section '## $Version' (the manifest's ModuleVersion)." }
    $body = $lines[($start + 1)..($lines.Count - 1)]
    $end = 0
    while ($end -lt $body.Count -and $body[$end] -notmatch '^## ') { $end++ }
    (($body | Select-Object -First $end) -join "`n").Trim()
}

# Each cmdlet family keeps its views in formats/<Family>.Format.ps1xml; the module ships them as one file, so
# Import-Module reads one document however many families there are.
function Write-FormatData([System.IO.FileInfo[]] $Sources, [string] $Destination) {
    $merged = [xml]'<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions/></Configuration>'
    $target = $merged.Configuration.SelectSingleNode('ViewDefinitions')
    foreach ($source in $Sources) {
        $doc = [xml](Get-Content $source.FullName -Raw)
        foreach ($view in $doc.Configuration.ViewDefinitions.View) { [void]$target.AppendChild($merged.ImportNode($view, $true)) }
    }
    $merged.Save($Destination)
}

function Get-Pester {
    $psd1 = Join-Path $PackagesDir "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) {
        Invoke-Native 'Pester download' { dotnet restore (Join-Path $Root 'build/Pester.csproj') --packages $PackagesDir --nologo -v quiet }
    }
    $psd1
}

function Start-TestHosts {
    if ($NoHosts -or -not $IsLinux) { Write-Warning 'Real libvirt hosts not started: their tests will fail.'; return }
    Write-Host '==> Starting real libvirt test hosts' -ForegroundColor Cyan
    Invoke-Native 'tests/hosts/setup.sh' { bash (Join-Path $Root 'tests/hosts/setup.sh') }
    # The second libvirt version (11.3, from a Debian 13 root): start.sh runs it as host3.
    Invoke-Native 'tests/hosts/debian13-root.sh' { bash (Join-Path $Root 'tests/hosts/debian13-root.sh') }
    Invoke-Native 'tests/hosts/start.sh' { bash (Join-Path $Root 'tests/hosts/start.sh') $HostsState }
    # The TLS/TCP libvirtd and the sshd for the remote transport tests.
    Invoke-Native 'tests/hosts/transports-start.sh' { bash (Join-Path $Root 'tests/hosts/transports-start.sh') $TransportsState }
    # Every runner below reads the hosts' sockets and URIs from the environment.
    foreach ($envFile in (Join-Path $HostsState 'hosts.env'), (Join-Path $TransportsState 'transports.env')) {
        foreach ($line in Get-Content $envFile) {
            if ($line -match '^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$') {
                [Environment]::SetEnvironmentVariable($Matches[1], $Matches[2].Trim('"', "'"))
            }
        }
    }
}

function Stop-TestHosts {
    if ($NoHosts -or -not $IsLinux) { return }
    bash (Join-Path $Root 'tests/hosts/stop.sh') $HostsState | Out-Host
    bash (Join-Path $Root 'tests/hosts/transports-stop.sh') $TransportsState | Out-Host
}

function Invoke-UnitTests {
    Write-Host '==> Unit tests (xunit)' -ForegroundColor Cyan
    $results = Join-Path $Out 'test-results'
    $trx = Join-Path $results 'unit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    dotnet test (Join-Path $Root 'tests/Unit/Libvirt.Tests.Unit.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Name = 'Unit'; Passed = 0; Failed = [Math]::Max(1, $exit) } }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Name = 'Unit'; Passed = [int]$counters.passed; Failed = $failed }
}

function Invoke-PesterTests {
    Write-Host '==> Pester tests' -ForegroundColor Cyan
    $pester = Get-Pester
    $summary = Join-Path $Out 'test-results/pester.json'
    # A separate process, so the module's assemblies never load into the build's own session.
    $script = @"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$pester'
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $Root 'tests/Pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Normal'
`$c.TestResult.Enabled = `$true
`$c.TestResult.OutputPath = '$(Join-Path $Out 'test-results/pester.xml')'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount } | ConvertTo-Json | Set-Content '$summary'
"@
    if (Test-Path $summary) { Remove-Item $summary }
    $env:LIBVIRT_PS_MODULE = $ModuleOut
    Invoke-Pwsh -NoProfile -NonInteractive -Command $script | Out-Host
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1 } }
    $r = Get-Content $summary -Raw | ConvertFrom-Json
    [pscustomobject]@{ Name = 'Pester'; Passed = [int]$r.Passed; Failed = [int]$r.Failed }
}

# The Engine and drivers on a .NET Framework profile (what Windows PowerShell 5.1 loads), under mono: the
# harness prints its own "Net472: N passed, M failed" line, read back here.
function Invoke-Net472Tests {
    Write-Host '==> Net472 harness (mono)' -ForegroundColor Cyan
    $project = Join-Path $Root 'tests/Net472/Libvirt.Tests.Net472.csproj'
    dotnet build $project -c $Configuration --nologo -v quiet -clp:NoSummary | Out-Host
    if ($LASTEXITCODE -ne 0) { return [pscustomobject]@{ Name = 'Net472'; Passed = 0; Failed = 1 } }
    if (-not (Get-Command mono -ErrorAction SilentlyContinue)) {
        Write-Warning 'mono is not installed (tests/hosts/setup.sh installs mono-devel): the Net472 harness cannot run.'
        return [pscustomobject]@{ Name = 'Net472'; Passed = 0; Failed = 1 }
    }
    $lines = mono (Join-Path $Root "tests/Net472/bin/$Configuration/net472/Libvirt.Tests.Net472.exe") 2>&1 | ForEach-Object { "$_" }
    $exit = $LASTEXITCODE
    $lines | Where-Object { $_ -notmatch '^Net472: ' } | Out-Host
    $summary = $lines | Where-Object { $_ -match '^Net472: (\d+) passed, (\d+) failed$' } | Select-Object -Last 1
    if (-not $summary) { return [pscustomobject]@{ Name = 'Net472'; Passed = 0; Failed = [Math]::Max(1, $exit) } }
    $null = $summary -match '^Net472: (\d+) passed, (\d+) failed$'
    $failed = [int]$Matches[2]
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Name = 'Net472'; Passed = [int]$Matches[1]; Failed = $failed }
}

function Invoke-Test {
    Invoke-Build
    New-Item -ItemType Directory -Force -Path (Join-Path $Out 'test-results') | Out-Null
    $runs = @()
    try {
        Start-TestHosts
        $runs += Invoke-UnitTests
        $runs += Invoke-PesterTests
        $runs += Invoke-Net472Tests
    }
    finally {
        Stop-TestHosts
    }
    Write-Host ''
    foreach ($r in $runs) { Write-Host "$($r.Name): $($r.Passed) passed, $($r.Failed) failed" }
    $failed = ($runs | Measure-Object -Property Failed -Sum).Sum
    # A runner that ran nothing has not proven anything.
    if ($failed -gt 0 -or $runs.Count -lt 3 -or ($runs | Where-Object Passed -eq 0)) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-Pwsh -NoProfile -File (Join-Path $Root 'examples/demo.ps1') -ModulePath $ModuleOut
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    if (-not $IsLinux) { throw 'Bench needs Linux (it starts real libvirt hosts).' }
    $state = '/tmp/libvirt-ps-bench'
    $results = Join-Path $Out 'bench/results.txt'
    New-Item -ItemType Directory -Force -Path (Split-Path $results) | Out-Null
    Invoke-Native 'tests/hosts/setup.sh' { bash (Join-Path $Root 'tests/hosts/setup.sh') }
    try {
        Invoke-Native 'tests/hosts/start.sh' { bash (Join-Path $Root 'tests/hosts/start.sh') $state }
        foreach ($line in Get-Content (Join-Path $state 'hosts.env')) {
            if ($line -match '^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$') { [Environment]::SetEnvironmentVariable($Matches[1], $Matches[2].Trim('"', "'")) }
        }
        $scripts = 'list-domains.ps1', 'qemu-listing.ps1', 'lookups.ps1', 'import-and-memory.ps1', 'migrate.ps1', 'fleet-listing.ps1'
        & {
            "Benchmarks of $(git -C $Root rev-parse --short HEAD) on $(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC, $([Environment]::ProcessorCount) cores"
            foreach ($s in $scripts) {
                ''; "== bench/$s"
                Invoke-Pwsh -NoProfile -NonInteractive -File (Join-Path $Root "bench/$s") -ModulePath $ModuleOut
            }
            ''; '== bench/Micro (BenchmarkDotNet, short job)'
            dotnet run -c Release --project (Join-Path $Root 'bench/Micro') -- --filter '*' --job short --exporters markdown |
                Where-Object { $_ -match '^\|' }
        } *>&1 | Tee-Object -FilePath $results
    }
    finally {
        bash (Join-Path $Root 'tests/hosts/stop.sh') $state | Out-Host
    }
    Write-Host "Results in $results"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' {
        Invoke-Build
        foreach ($module in $ModuleOut, (Join-Path $Out 'Libvirt.Dsc')) {
            $nupkg = Invoke-Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'build/Package.ps1') -ModulePath $module -DestinationPath (Join-Path $Out 'package')
            if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
            Write-Host "Package: $nupkg"
        }
    }
    'Clean' {
        foreach ($d in @($Out) + (Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
            if (Test-Path $d) { Remove-Item $d -Recurse -Force }
        }
    }
}
