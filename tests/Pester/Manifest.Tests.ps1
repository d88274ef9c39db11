BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:psd1 = Join-Path $ModulePath 'Libvirt.psd1'
    $script:data = Import-PowerShellDataFile $psd1
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $psd1 -ErrorAction Stop } | Should -Not -Throw
    }

    It 'is compatible with Desktop and Core, PowerShell 5.1' {
        $m = Test-ModuleManifest -Path $psd1
        $m.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $m.RootModule | Should -Be 'Libvirt.PowerShell.dll'
    }

    It 'lists cmdlets explicitly, and they are exactly the exported cmdlets' {
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.CmdletsToExport.Count | Should -BeGreaterOrEqual 17
        $exported = (Get-Module Libvirt).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($data.CmdletsToExport | Sort-Object)
        $implemented = [Libvirt.PowerShell.LibvirtCmdlet].Assembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } | Sort-Object
        $implemented | Should -Be ($data.CmdletsToExport | Sort-Object)
        @($data.FunctionsToExport).Count | Should -Be 0
        @($data.AliasesToExport).Count | Should -Be 0
    }

    It 'processes the format file, which exists in the module folder' {
        $data.FormatsToProcess | Should -Be 'Libvirt.Format.ps1xml'
        Join-Path $ModulePath 'Libvirt.Format.ps1xml' | Should -Exist
        [xml](Get-Content (Join-Path $ModulePath 'Libvirt.Format.ps1xml') -Raw) | Should -Not -BeNullOrEmpty
    }

    It 'ships every view of every family file in formats/, once' {
        $shipped = ([xml](Get-Content (Join-Path $ModulePath 'Libvirt.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View.Name
        $sources = Get-ChildItem (Join-Path $PSScriptRoot '../../formats') -Filter '*.Format.ps1xml'
        $sources | Should -Not -BeNullOrEmpty
        $expected = foreach ($f in $sources) { ([xml](Get-Content $f.FullName -Raw)).Configuration.ViewDefinitions.View.Name }
        @($shipped | Sort-Object) | Should -Be @($expected | Sort-Object)
        @($shipped | Group-Object | Where-Object Count -gt 1).Count | Should -Be 0
    }

    It 'ships the cmdlet help (MAML) and the about topics in en-US' {
        Join-Path $ModulePath 'en-US/Libvirt.PowerShell.dll-Help.xml' | Should -Exist
        Join-Path $ModulePath 'en-US/about_Libvirt.help.txt' | Should -Exist
        Join-Path $ModulePath 'en-US/about_Libvirt_Migration.help.txt' | Should -Exist
        # Once Get-Help has read it, HelpFile is the full path.
        foreach ($name in $data.CmdletsToExport) { Split-Path -Leaf (Get-Command $name).HelpFile | Should -Be 'Libvirt.PowerShell.dll-Help.xml' -Because $name }
    }

    It 'every cmdlet class is sealed and declares an output type' {
        foreach ($name in $data.CmdletsToExport) {
            $cmd = Get-Command $name
            $cmd.ImplementingType.IsSealed | Should -BeTrue -Because $name
            $cmd.ImplementingType.Name | Should -Be (($name -replace '-', '') + 'Command') -Because $name
            $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) | Should -Not -BeNullOrEmpty -Because $name
        }
    }

    It 'every cmdlet that changes state supports ShouldProcess' {
        foreach ($name in 'New-VMDomain', 'Remove-VMDomain', 'Start-VMDomain', 'Stop-VMDomain', 'Restart-VMDomain', 'Suspend-VMDomain', 'Resume-VMDomain', 'Disconnect-VMHost') {
            (Get-Command $name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].SupportsShouldProcess | Should -BeTrue -Because $name
        }
    }

    It 'the module assemblies target netstandard2.0' {
        foreach ($dll in 'Libvirt.PowerShell.dll', 'Libvirt.Engine.dll', 'Libvirt.Drivers.dll', 'Libvirt.Drivers.Test.dll') {
            $asm = [System.Reflection.Assembly]::LoadFrom((Join-Path $ModulePath $dll))
            $tf = $asm.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)[0].FrameworkName
            $tf | Should -Be '.NETStandard,Version=v2.0' -Because $dll
        }
    }
}
