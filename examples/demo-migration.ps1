# Part of the demo (examples/demo.ps1 runs it): live migration between two in-process test hosts.
function Step([string] $Text) { Write-Host "`n=== $Text" -ForegroundColor Cyan }

Step 'A second host: test:///NAME is a separate in-process hypervisor, empty at first'
Connect-VMHost -Uri 'test:///lab2' | Format-Table | Out-Host

Step 'Every migration parameter and flag of libvirt is a Move-VMDomain parameter'
Get-VMMigrationParameter -Name Bandwidth, Compression*, Live, PersistDestination | Format-Table | Out-Host

$xml = @'
<domain type='test'>
  <name>db01</name>
  <memory unit='MiB'>256</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
'@
New-VMDomain -Xml $xml -Start -Uri 'test:///default' | Out-Null

Step 'Refused before anything moves: a rule from the table'
try { Move-VMDomain -Name db01 -Uri 'test:///default' -DestinationUri 'test:///lab2' -CompressionMtLevel 5 -Confirm:$false -ErrorAction Stop }
catch { Write-Host "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" -ForegroundColor Yellow }

Step 'What it would do (-WhatIf)'
Move-VMDomain -Name db01 -Uri 'test:///default' -DestinationUri 'test:///lab2' -Live -PersistDestination -UndefineSource -Bandwidth 128 -WhatIf

Step 'Live migration of 256 MiB at 128 MiB/s (about 2 s, with progress)'
$settings = @{ Live = $true; PersistDestination = $true; UndefineSource = $true; Bandwidth = 128 }
Move-VMDomain -Name db01 -Uri 'test:///default' -DestinationUri 'test:///lab2' -Parameter $settings -Confirm:$false -PassThru |
    Format-Table | Out-Host

Step 'Where everything is now'
Get-VMDomain -Uri 'test:///default', 'test:///lab2' | Format-Table | Out-Host
