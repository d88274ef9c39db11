<#
.SYNOPSIS
    Creates or refreshes docs/help/<Cmdlet>.md from the built module, for authors (the build never writes docs).
.DESCRIPTION
    A missing page is created with its SYNTAX, parameter sections and yaml blocks filled in from the cmdlet's
    metadata, and the prose left for the author. An existing page keeps its prose: only SYNTAX and the yaml
    blocks are rewritten, a section is added for a new parameter (the help tests fail until it has a
    description) and a parameter that no longer exists is reported. Move-VMDomain's migration parameters are
    not written: the build documents them from the migration tables.

    With -Examples, every example that has an ```output block is run on the embedded test hypervisor (a fresh
    process per page, connected to test:///default, examples in page order) and its block gets what it printed.
.EXAMPLE
    dotnet pwsh ./build.ps1 Build; dotnet pwsh ./build/Help/Update-HelpPage.ps1 -Name Stop-VMDomain -Examples
#>
param(
    [string[]] $Name = '*',
    [switch] $Examples,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Libvirt'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../../docs/help')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. (Join-Path $PSScriptRoot 'CommandFacts.ps1')
. (Join-Path $PSScriptRoot 'PageSections.ps1')
. (Join-Path $PSScriptRoot 'ExampleRunner.ps1')

# pwsh -File passes 'a,b' as one string.
$Name = @($Name | ForEach-Object { $_ -split ',' })
$module = Import-Module $ModulePath -PassThru
foreach ($cmd in Get-Command -Module $module.Name -Name $Name -CommandType Cmdlet | Sort-Object Name) {
    $path = Join-Path $DocsPath "$($cmd.Name).md"
    $lines = if (Test-Path $path) { @(Get-Content -LiteralPath $path) } else { @(New-HelpPageLines $cmd) }
    $lines = @(Update-SyntaxSection $lines $cmd)
    $lines = @(Update-ParameterSections $lines $cmd)
    if ($Examples) { $lines = @(Update-ExampleOutput $lines $ModulePath) }
    Set-Content -LiteralPath $path -Value $lines -Encoding utf8NoBOM
    Write-Host "Updated $path"
}
