# Shared by every *.Tests.ps1 file (dot-sourced in BeforeAll): imports the built module and offers helpers.
$script:ModulePath = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../out/Libvirt' }
if (-not (Get-Module Libvirt)) { Import-Module $script:ModulePath -ErrorAction Stop }

function New-TestUri { "test:///p-$([guid]::NewGuid().ToString('N'))" }

function New-TestDomainXml {
    param([string] $Name, [string] $Uuid, [int] $MemoryMiB = 512, [int] $VCpus = 2)
    $u = if ($Uuid) { "<uuid>$Uuid</uuid>" } else { '' }
    "<domain type='test'><name>$Name</name>$u<memory unit='MiB'>$MemoryMiB</memory><vcpu>$VCpus</vcpu><os><type>hvm</type></os></domain>"
}

# A named host with the given domains defined (and, for -Running, started); returns its URI.
function New-TestHost {
    param([string[]] $Running = @(), [string[]] $Stopped = @())
    $uri = New-TestUri
    foreach ($n in $Stopped) { New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name $n) | Out-Null }
    foreach ($n in $Running) { New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name $n) -Start | Out-Null }
    $uri
}

function Get-FullId([string] $Id, [string] $Class) { "$Id,Libvirt.PowerShell.Commands.$Class" }
