#requires -Version 7.0
<#
.SYNOPSIS
    Makes the PowerShell Gallery package (.nupkg) of a laid-out module folder.
.DESCRIPTION
    Used by build.ps1 Package (on out/Libvirt) and by the packaging tests. Refuses a manifest without the
    Gallery's metadata, then lets PSResourceGet (which ships with pwsh 7.4+) write the .nupkg, so the package
    is exactly what Publish-PSResource would send. Prints the path of the package.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$name = Split-Path -Leaf $ModulePath
# A module's RequiredModules (Libvirt.Dsc's Libvirt) are found beside it, as out/ lays them out.
$env:PSModulePath = (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
$psd1 = Join-Path $ModulePath "$name.psd1"
$manifest = Test-ModuleManifest -Path $psd1
$psData = (Import-PowerShellDataFile $psd1).PrivateData.PSData
foreach ($key in 'ProjectUri', 'LicenseUri', 'Tags', 'ReleaseNotes') {
    if (-not $psData[$key]) { throw "$psd1 has no PrivateData.PSData.$key; the Gallery needs it." }
}
if ($psData.ReleaseNotes -eq 'See CHANGELOG.md') { throw "$psd1 is the source manifest: package the module build.ps1 laid out." }

New-Item -ItemType Directory -Force -Path $DestinationPath | Out-Null
$nupkg = Join-Path $DestinationPath "$name.$($manifest.Version).nupkg"
if (Test-Path $nupkg) { Remove-Item $nupkg }
Import-Module Microsoft.PowerShell.PSResourceGet
Compress-PSResource -Path $ModulePath -DestinationPath $DestinationPath
if (-not (Test-Path $nupkg)) { throw "Compress-PSResource wrote no $nupkg." }
$nupkg
