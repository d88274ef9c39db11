@{
    RootModule             = 'Libvirt.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f7c1e-4d2a-4b8e-9a61-3f2d8c7e1a90'
    Author                 = 'Libvirt for PowerShell contributors'
    CompanyName            = 'Libvirt for PowerShell'
    Copyright              = '(c) Libvirt for PowerShell contributors. Licensed under the MIT license.'
    Description            = 'Manage virtual machines through libvirt, on one KVM host or across a fleet, from Windows and Linux. A managed client of libvirt''s RPC protocol, with an embedded test hypervisor (test:///default).'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies     = @('Libvirt.Engine.dll', 'Libvirt.Drivers.Test.dll', 'Libvirt.Drivers.Remote.dll', 'Libvirt.Drivers.dll')
    FormatsToProcess       = @('Libvirt.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-VMHost'
        'Disconnect-VMHost'
        'Get-VMHost'
        'Get-VMDomain'
        'New-VMDomain'
        'Remove-VMDomain'
        'Start-VMDomain'
        'Stop-VMDomain'
        'Restart-VMDomain'
        'Suspend-VMDomain'
        'Resume-VMDomain'
        'Get-VMDomainXml'
        'Get-VMDomainJob'
        'Stop-VMDomainJob'
        'Set-VMDomainMigration'
        'Move-VMDomain'
        'Get-VMMigrationParameter'
        # events
        'Register-VMDomainEvent'
        'Get-VMDomainEvent'
        'Wait-VMDomain'
        # storage
        'Get-VMStoragePool'
        'New-VMStoragePool'
        'Remove-VMStoragePool'
        'Start-VMStoragePool'
        'Stop-VMStoragePool'
        'Set-VMStoragePool'
        'Update-VMStoragePool'
        'Get-VMStorageVolume'
        'New-VMStorageVolume'
        'Remove-VMStorageVolume'
        'Resize-VMStorageVolume'
        'Copy-VMStorageVolume'
        # networks
        'Get-VMNetwork'
        'New-VMNetwork'
        'Remove-VMNetwork'
        'Start-VMNetwork'
        'Stop-VMNetwork'
        'Set-VMNetwork'
        'Get-VMNetworkDhcpLease'
        # configuration and snapshots
        'Set-VMDomain'
        'Checkpoint-VMDomain'
        'Get-VMDomainSnapshot'
        'Restore-VMDomainSnapshot'
        'Remove-VMDomainSnapshot'
        # devices
        'Get-VMDomainDisk'
        'Add-VMDomainDisk'
        'Remove-VMDomainDisk'
        'Resize-VMDomainDisk'
        'Get-VMDomainCDDrive'
        'Set-VMDomainCDDrive'
        'Get-VMDomainNetworkAdapter'
        'Add-VMDomainNetworkAdapter'
        'Remove-VMDomainNetworkAdapter'
        'Set-VMDomainNetworkAdapter'
        'Get-VMDomainIPAddress'
        # statistics
        'Get-VMDomainStat'
        'Measure-VMDomain'
        'Get-VMHostStat'
        # console and screen
        'Save-VMDomainScreenshot'
        'Send-VMDomainKey'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('libvirt', 'KVM', 'QEMU', 'virtualization', 'VM', 'LiveMigration', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/libvirt-powershell/Libvirt'
            LicenseUri   = 'https://github.com/libvirt-powershell/Libvirt/blob/main/LICENSE'
            # build.ps1 writes this version's section of CHANGELOG.md here in the module it lays out.
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
