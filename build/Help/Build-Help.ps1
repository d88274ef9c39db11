<#
.SYNOPSIS
    Writes the module's help into a laid-out module: en-US/Libvirt.PowerShell.dll-Help.xml (MAML) from
    docs/help/<Cmdlet>.md, and en-US/about_*.help.txt from docs/help/about_*.md.
.DESCRIPTION
    Imports the module from -ModulePath to read the cmdlets' metadata and the migration tables, so run it
    in a PowerShell of its own (build.ps1 does), not in a session that should not load the module.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. (Join-Path $PSScriptRoot 'MamlWriter.ps1')
. (Join-Path $PSScriptRoot 'AboutTopic.ps1')

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$module = Import-Module $ModulePath -PassThru
$culture = Join-Path $ModulePath 'en-US'
# Get-Command, not the module's list: only Get-Command's answer includes dynamic parameters in the parameter sets.
$commands = @($module.ExportedCmdlets.Keys | ForEach-Object { Get-Command -Name $_ -Module $module.Name })
$maml = Join-Path $culture "$([IO.Path]::GetFileName($module.Path))-Help.xml"
Write-MamlHelp -Commands $commands -PagesPath $DocsPath -OutFile $maml
Write-Host "Help: $($commands.Count) cmdlets -> $maml"

foreach ($about in Get-ChildItem $DocsPath -Filter 'about_*.md') {
    $txt = Join-Path $culture ($about.BaseName + '.help.txt')
    # With a BOM: Windows PowerShell 5.1 reads a help.txt without one in the ANSI code page.
    ConvertTo-AboutText -Path $about.FullName | Set-Content -LiteralPath $txt -Encoding utf8BOM
    Write-Host "Help: $($about.Name) -> $txt"
}
