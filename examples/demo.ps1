<#
.SYNOPSIS
    The main job, on the embedded test hypervisor: connect, list, define, start, inspect, stop, remove.
    Needs no daemon. Run through `dotnet pwsh ./build.ps1 Demo`.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/Libvirt'))

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

function Step([string] $Text) { Write-Host "`n=== $Text" -ForegroundColor Cyan }

Step 'Connect to the built-in test hypervisor'
Connect-VMHost -Uri 'test:///default' | Format-Table | Out-Host

Step 'The host'
Get-VMHost | Format-Table | Out-Host

Step 'Domains on it (libvirt''s test driver starts with one running domain, "test")'
Get-VMDomain | Format-Table | Out-Host

Step 'Define and start a new domain from libvirt domain XML'
$xml = @'
<domain type='test'>
  <name>web01</name>
  <memory unit='MiB'>1024</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
'@
New-VMDomain -Xml $xml -Start | Format-Table | Out-Host

Step 'Inspect it'
Get-VMDomain -Name 'web*' | Format-List Name, Id, Uuid, State, StateReason, VCpus, MemoryMB, Persistent, Host, Uri | Out-Host
Get-VMDomainXml -Name web01 | Out-Host

Step 'Pause, resume, and shut it down gracefully'
Get-VMDomain web01 | Suspend-VMDomain -PassThru | Format-Table | Out-Host
Get-VMDomain web01 | Resume-VMDomain -PassThru | Format-Table | Out-Host
Stop-VMDomain -Name web01 -Wait -PassThru | Format-Table | Out-Host

Step 'Errors are PowerShell errors with stable ids'
try { Get-VMDomain -Name no-such-vm -ErrorAction Stop }
catch { Write-Host "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" -ForegroundColor Yellow }

Step 'Remove it'
Remove-VMDomain -Name web01 -Confirm:$false
Get-VMDomain | Format-Table | Out-Host

$migration = Join-Path $PSScriptRoot 'demo-migration.ps1'
if (Test-Path $migration) { & $migration }

Disconnect-VMHost
Write-Host "`nDemo finished." -ForegroundColor Green
