@{
    RootModule           = 'Libvirt.Dsc.psm1'
    # build.ps1 writes Libvirt.psd1's ModuleVersion here in the module it lays out (out/Libvirt.Dsc).
    ModuleVersion        = '0.0.0'
    GUID                 = '8d3c2f64-1b7e-4a55-9c0e-6f4b2a9d7e31'
    Author               = 'Libvirt for PowerShell contributors'
    CompanyName          = 'Libvirt for PowerShell'
    Copyright            = '(c) Libvirt for PowerShell contributors. Licensed under the MIT license.'
    Description          = 'DSC resources for libvirt (class-based, for PSDesiredStateConfiguration v2 and DSC v3''s PowerShell adapter): LibvirtDomain, LibvirtNetwork and LibvirtStoragePool, built on the Libvirt module''s cmdlets.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    RequiredModules      = @('Libvirt')
    DscResourcesToExport = @('LibvirtDomain', 'LibvirtNetwork', 'LibvirtStoragePool')
    FunctionsToExport    = @()
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('libvirt', 'DSC', 'DesiredStateConfiguration', 'KVM', 'QEMU', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'Windows')
            ProjectUri = 'https://github.com/libvirt-powershell/Libvirt'
            LicenseUri = 'https://github.com/libvirt-powershell/Libvirt/blob/main/LICENSE'
            # build.ps1 writes this version's section of CHANGELOG.md here in the module it lays out.
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
