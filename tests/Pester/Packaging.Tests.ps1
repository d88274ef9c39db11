# The PowerShell Gallery package: made by build/Package.ps1 (build.ps1 Package) from the laid-out module,
# published to a local PSResourceGet repository, installed with Install-PSResource into a fresh home, then
# imported by name and used in another pwsh process. Each step runs in a child pwsh whose HOME is a new
# folder, so the repository registration and the CurrentUser module path are the test's own.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Version = (Import-PowerShellDataFile (Join-Path $ModulePath 'Libvirt.psd1')).ModuleVersion

    # Runs a script in a child pwsh with HOME set to $HomeDir; returns its output lines, throws on a non-zero exit.
    function Invoke-ChildPwsh([string] $HomeDir, [string] $Script) {
        [string[]] $pwsh = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        try {
            $env:HOME = $HomeDir; $env:XDG_DATA_HOME = $null; $env:XDG_CONFIG_HOME = $null
            # Only pwsh's own modules: the installed Libvirt must be found through the fresh CurrentUser path.
            $env:PSModulePath = Join-Path $PSHOME 'Modules'
            $rest = @($pwsh | Select-Object -Skip 1)
            # In the fresh home too: PSResourceGet's NuGet writes a NuGet/NuGet.Config under the working directory.
            Push-Location $HomeDir
            try { $out = & $pwsh[0] @rest -NoProfile -NonInteractive -Command $Script 2>&1 } finally { Pop-Location }
            if ($LASTEXITCODE -ne 0) { throw "child pwsh exited $LASTEXITCODE`n$($out -join "`n")" }
            $out | ForEach-Object { "$_" }
        }
        finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "libvirt-ps-package-$([guid]::NewGuid().ToString('N'))"
    $script:Nupkg = & (Join-Path $RepoRoot 'build/Package.ps1') -ModulePath $ModulePath -DestinationPath (Join-Path $Work 'nupkg')
    $script:Home1 = New-Item -ItemType Directory -Path (Join-Path $Work 'home')
    $script:Feed = New-Item -ItemType Directory -Path (Join-Path $Work 'feed')
}

AfterAll {
    if ($script:Work -and (Test-Path $script:Work)) { Remove-Item $script:Work -Recurse -Force }
}

Describe 'The Gallery package' {
    It 'is Libvirt.(version).nupkg with the manifest metadata the Gallery shows' {
        Split-Path -Leaf $Nupkg | Should -Be "Libvirt.$Version.nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $entries = $zip.Entries.FullName
            $reader = [IO.StreamReader]::new($zip.GetEntry('Libvirt.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd(); $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $m = $nuspec.package.metadata
        $m.id | Should -Be 'Libvirt'
        $m.version | Should -Be $Version
        $m.projectUrl | Should -Be 'https://github.com/libvirt-powershell/Libvirt'
        $m.tags | Should -Match '\blibvirt\b'
        $m.tags | Should -Match '\bPSEdition_Core\b'
        $m.tags | Should -Match '\bPSEdition_Desktop\b'
        # The release notes are this version's section of CHANGELOG.md, not the placeholder of the source manifest.
        $m.releaseNotes | Should -Not -Be 'See CHANGELOG.md'
        $m.releaseNotes | Should -Match 'test hypervisor'
        $entries | Should -Contain 'Libvirt.psd1'
        $entries | Should -Contain 'Libvirt.PowerShell.dll'
        $entries | Should -Contain 'Libvirt.PowerShell.Loader.dll'
        $entries | Should -Contain 'dependencies/Renci.SshNet.dll'
        $entries | Should -Contain 'en-US/Libvirt.PowerShell.dll-Help.xml'
        $entries | Should -Contain 'LICENSE'
        # Third-party assemblies never sit beside the cmdlets, where probing would load them into the default context.
        @($entries | Where-Object { $_ -match '^[^/]+\.dll$' -and $_ -notlike 'Libvirt.*' }) | Should -BeNullOrEmpty
    }

    It 'the version comes from one place: every Libvirt assembly has the manifest''s version' {
        foreach ($dll in Get-ChildItem $ModulePath -Filter 'Libvirt.*.dll') {
            [Reflection.AssemblyName]::GetAssemblyName($dll.FullName).Version.ToString(3) | Should -Be $Version -Because $dll.Name
        }
    }

    It 'Libvirt.Dsc installs from the same repository with Libvirt as its dependency, and its resources work' {
        $dscNupkg = & (Join-Path $RepoRoot 'build/Package.ps1') -ModulePath (Join-Path (Split-Path $ModulePath) 'Libvirt.Dsc') -DestinationPath (Join-Path $Work 'nupkg')
        Split-Path -Leaf $dscNupkg | Should -Be "Libvirt.Dsc.$Version.nupkg"
        $home2 = New-Item -ItemType Directory -Path (Join-Path $Work 'home2')
        $feed2 = New-Item -ItemType Directory -Path (Join-Path $Work 'feed2')
        $install = Invoke-ChildPwsh -HomeDir $home2 -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
Register-PSResourceRepository -Name LibvirtLocal -Uri '$feed2' -Trusted
Publish-PSResource -NupkgPath '$Nupkg' -Repository LibvirtLocal
Publish-PSResource -NupkgPath '$dscNupkg' -Repository LibvirtLocal -SkipDependenciesCheck
Install-PSResource -Name Libvirt.Dsc -Repository LibvirtLocal -Scope CurrentUser -TrustRepository -Quiet
Get-InstalledPSResource | ForEach-Object { "installed `$(`$_.Name) `$(`$_.Version)" }
"@
        $install | Should -Contain "installed Libvirt $Version"
        $install | Should -Contain "installed Libvirt.Dsc $Version"
        $use = Invoke-ChildPwsh -HomeDir $home2 -Script @"
`$ErrorActionPreference = 'Stop'
`$m = Import-Module Libvirt.Dsc -PassThru
`$r = & `$m { [LibvirtDomain]::new() }
`$r.Name = 'pkgdsc'; `$r.Uri = 'test:///pkg'; `$r.State = 'Running'
`$r.DefinitionXml = "<domain type='test'><name>pkgdsc</name><memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>"
"before `$(`$r.Test())"
`$r.Set()
"after `$(`$r.Test()) `$((Get-VMDomain -Uri test:///pkg -Name pkgdsc).State)"
"@
        $use | Should -Contain 'before False'
        $use | Should -Contain 'after True Running'
    }

    It 'publishes to a local PSResourceGet repository, installs with Install-PSResource and imports and works in a new process' {
        $install = Invoke-ChildPwsh -HomeDir $Home1 -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
Register-PSResourceRepository -Name LibvirtLocal -Uri '$Feed' -Trusted
Publish-PSResource -NupkgPath '$Nupkg' -Repository LibvirtLocal
Install-PSResource -Name Libvirt -Repository LibvirtLocal -Scope CurrentUser -TrustRepository -Quiet
`$r = Get-InstalledPSResource -Name Libvirt
"installed `$(`$r.Version) `$(`$r.InstalledLocation)"
"@
        Join-Path $Feed "Libvirt.$Version.nupkg" | Should -Exist
        ($install | Select-Object -Last 1) | Should -BeLike "installed $Version $Home1*"

        $use = Invoke-ChildPwsh -HomeDir $Home1 -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module Libvirt
`$m = Get-Module Libvirt
"module `$(`$m.Version) `$(`$m.ModuleBase)"
`$d = Get-VMDomain -Uri test:///default
"domains `$(@(`$d).Count) `$(`$d[0].Name) `$(`$d[0].State)"
New-VMDomain -Uri test:///default -Xml "<domain type='test'><name>pkg01</name><memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>" -Start | Out-Null
"started `$((Get-VMDomain -Uri test:///default -Name pkg01).State)"
"help `$((Get-Help Get-VMDomain).Synopsis -ne `$null)"
"@
        $use | Should -Contain "domains 1 test Running"
        $use | Should -Contain "started Running"
        $use | Should -Contain "help True"
        ($use | Where-Object { $_ -like 'module *' }) | Should -BeLike "module $Version $Home1*"
    }
}
