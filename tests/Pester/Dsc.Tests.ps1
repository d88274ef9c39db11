# Libvirt.Dsc's class resources driven as DSC drives them (Invoke-DscResource and DSC v3's PowerShell adapter
# both do this): a new instance, the configured properties assigned, then Get(), Test() or Set(). On the
# embedded test hypervisor (a named host per test) and on a real daemon, where virsh is the oracle.
BeforeDiscovery {
    # Whether Libvirt has Set-VMDomain decides which of two tests run, so it is known at discovery.
    $script:HasSetVMDomain = [bool]((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../Libvirt.psd1')).CmdletsToExport -contains 'Set-VMDomain')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:DscPath = Join-Path (Split-Path $ModulePath) 'Libvirt.Dsc'
    # As once installed: both modules on PSModulePath, so RequiredModules finds Libvirt.
    $script:SavedModulePath = $env:PSModulePath
    $env:PSModulePath = (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
    $script:Dsc = Import-Module (Join-Path $DscPath 'Libvirt.Dsc.psd1') -PassThru -Force
    # DSC runs resources with -Verbose; class methods read the preference of their module's scope.
    & $Dsc { $script:VerbosePreference = 'Continue' }

    # As Invoke-DscResource: returns Get()'s object, Test()'s bool, or Set()'s verbose lines (one per change made).
    function Invoke-AsDsc([ValidateSet('Get', 'Test', 'Set')] [string] $Method, [hashtable] $Property, [string] $Resource = 'LibvirtDomain') {
        $instance = & $script:Dsc { param($t) New-Object -TypeName $t } $Resource
        foreach ($k in $Property.Keys) { $instance.$k = $Property[$k] }
        switch ($Method) {
            'Get' { return $instance.Get() }
            'Test' { return $instance.Test() }
            # The resource's own lines (the cmdlets it calls write verbose lines of their own too).
            'Set' {
                $lines = & { $instance.Set() } *>&1 | ForEach-Object { "$_" }
                return @($lines | Where-Object { $_ -like "$Resource *" })
            }
        }
    }

    function New-DscUri { "test:///dsc-$([guid]::NewGuid().ToString('N'))" }
    function Invoke-Virsh([string] $Uri, [string] $Command) { (& (Get-Command virsh -CommandType Application | Select-Object -First 1) -q -c $Uri $Command.Split(' ') 2>&1 | Out-String).Trim() }
}

AfterAll {
    $env:PSModulePath = $script:SavedModulePath
}

Describe 'Libvirt.Dsc module' {
    It 'exports the LibvirtDomain, LibvirtNetwork and LibvirtStoragePool class resources, requires Libvirt, and has Libvirt''s version' {
        $m = Test-ModuleManifest (Join-Path $DscPath 'Libvirt.Dsc.psd1')
        # What DSC v3's adapter does (Test-ModuleManifest's ExportedDscResources is empty on Linux): parse the
        # RootModule for [DscResource()] classes.
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $DscPath 'Libvirt.Dsc.psm1'), [ref]$null, [ref]$null)
        $classes = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.TypeDefinitionAst] -and
                ($args[0].Attributes.TypeName.Name -contains 'DscResource') }, $true).Name
        @($classes | Sort-Object) | Should -Be @('LibvirtDomain', 'LibvirtNetwork', 'LibvirtStoragePool')
        $m.RequiredModules.Name | Should -Be 'Libvirt'
        $m.Version | Should -Be (Get-Module Libvirt).Version
        (Import-PowerShellDataFile (Join-Path $DscPath 'Libvirt.Dsc.psd1')).DscResourcesToExport | Should -Be @('LibvirtDomain', 'LibvirtNetwork', 'LibvirtStoragePool')
    }
}

Describe 'about_Libvirt_Dsc' {
    It 'Get-Help finds it, with the properties, a PSDesiredStateConfiguration v2 and a DSC v3 example' {
        Join-Path $DscPath 'en-US/about_Libvirt_Dsc.help.txt' | Should -Exist
        $text = Get-Help about_Libvirt_Dsc | Out-String
        foreach ($p in 'Ensure', 'State', 'DefinitionXml', 'DefinitionPath', 'VCpus', 'MemoryMB', 'Autostart', 'LibvirtNetwork', 'LibvirtStoragePool') { $text | Should -Match "\b$p\b" }
        $text | Should -Match 'Invoke-DscResource -Name LibvirtDomain'
        $text | Should -Match 'type: Libvirt.Dsc/LibvirtDomain'
    }
}

Describe 'LibvirtDomain on the embedded test hypervisor' {
    BeforeEach {
        $script:Uri = New-DscUri
        $script:Xml = New-TestDomainXml -Name web01 -MemoryMiB 256 -VCpus 2
    }

    It 'defines and starts an absent domain; Test is then true and a second Set changes nothing' {
        $desired = @{ Name = 'web01'; Uri = $Uri; Ensure = 'Present'; State = 'Running'; DefinitionXml = $Xml }
        (Invoke-AsDsc Get $desired).Ensure | Should -Be 'Absent'
        Invoke-AsDsc Test $desired | Should -BeFalse
        $changes = Invoke-AsDsc Set $desired
        ($changes -join "`n") | Should -Match 'defining'
        ($changes -join "`n") | Should -Match 'Shutoff -> Running'
        Invoke-AsDsc Test $desired | Should -BeTrue
        $d = Get-VMDomain -Uri $Uri -Name web01
        $d.State | Should -Be 'Running'
        $got = Invoke-AsDsc Get $desired
        $got.Ensure | Should -Be 'Present'; $got.State | Should -Be 'Running'; $got.VCpus | Should -Be 2; $got.MemoryMB | Should -Be 256
        $got.Uuid | Should -Be "$($d.Uuid)"
        @(Invoke-AsDsc Set $desired) | Should -BeNullOrEmpty
        (Get-VMDomain -Uri $Uri -Name web01).Id | Should -Be $d.Id   # not restarted
    }

    It 'moves Running -> Paused -> Shutoff -> Paused -> Running, each Set one step, as Get-VMDomain sees it' {
        New-VMDomain -Uri $Uri -Xml $Xml -Start | Out-Null
        foreach ($step in @(
                @{ State = 'Paused'; Engine = 'Paused' }, @{ State = 'Shutoff'; Engine = 'ShutOff' },
                @{ State = 'Paused'; Engine = 'Paused' }, @{ State = 'Running'; Engine = 'Running' })) {
            $desired = @{ Name = 'web01'; Uri = $Uri; State = $step.State }
            Invoke-AsDsc Test $desired | Should -BeFalse -Because $step.State
            Invoke-AsDsc Set $desired | Should -Not -BeNullOrEmpty
            "$((Get-VMDomain -Uri $Uri -Name web01).State)" | Should -Be $step.Engine
            Invoke-AsDsc Test $desired | Should -BeTrue -Because $step.State
            @(Invoke-AsDsc Set $desired) | Should -BeNullOrEmpty
        }
    }

    It 'Ensure Absent turns off and removes a running domain, then has nothing to do' {
        New-VMDomain -Uri $Uri -Xml $Xml -Start | Out-Null
        $desired = @{ Name = 'web01'; Uri = $Uri; Ensure = 'Absent' }
        Invoke-AsDsc Test $desired | Should -BeFalse
        Invoke-AsDsc Set $desired | Should -Match 'removing'
        Get-VMDomain -Uri $Uri -Name 'web01*' | Should -BeNullOrEmpty
        Invoke-AsDsc Test $desired | Should -BeTrue
        @(Invoke-AsDsc Set $desired) | Should -BeNullOrEmpty
    }

    It 'leaves properties it is not given alone: a paused domain with only Ensure Present is in the desired state' {
        New-VMDomain -Uri $Uri -Xml $Xml -Start | Out-Null
        Suspend-VMDomain -Uri $Uri -Name web01
        $desired = @{ Name = 'web01'; Uri = $Uri; Ensure = 'Present' }
        Invoke-AsDsc Test $desired | Should -BeTrue
        @(Invoke-AsDsc Set $desired) | Should -BeNullOrEmpty
        "$((Get-VMDomain -Uri $Uri -Name web01).State)" | Should -Be 'Paused'
    }

    It 'defines from DefinitionPath' {
        $path = Join-Path $TestDrive 'web01.xml'
        Set-Content -Path $path -Value $Xml
        $desired = @{ Name = 'web01'; Uri = $Uri; DefinitionPath = $path; State = 'Shutoff' }
        (Invoke-AsDsc Set $desired) -join "`n" | Should -Match 'defining'
        "$((Get-VMDomain -Uri $Uri -Name web01).State)" | Should -Be 'ShutOff'
        Invoke-AsDsc Test $desired | Should -BeTrue
    }

    It 'refuses <Case> with <Id> before anything changes' -TestCases @(
        @{ Case = 'both DefinitionXml and DefinitionPath'; Id = 'LibvirtDscDefinitionConflict'; Extra = @{ DefinitionXml = '<domain/>'; DefinitionPath = '/x.xml' } }
        @{ Case = 'an absent domain without a definition'; Id = 'LibvirtDscDefinitionRequired'; Extra = @{} }
        @{ Case = 'a definition naming another domain'; Id = 'LibvirtDscDefinitionNameMismatch'; Extra = @{ DefinitionXml = "<domain type='test'><name>other</name><memory>1024</memory><os><type>hvm</type></os></domain>" } }
        @{ Case = 'a DefinitionPath that is no file'; Id = 'LibvirtDscDefinitionPathNotFound'; Extra = @{ DefinitionPath = '/no/such/web01.xml' } }
    ) {
        $desired = @{ Name = 'web01'; Uri = $Uri; State = 'Running' } + $Extra
        $e = { Invoke-AsDsc Set $desired } | Should -Throw -PassThru
        $e.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId, $e.FullyQualifiedErrorId | Should -Contain $Id
        Get-VMDomain -Uri $Uri -Name 'web01*' | Should -BeNullOrEmpty
        Get-VMDomain -Uri $Uri -Name 'other*' | Should -BeNullOrEmpty
    }

    It 'reports an unreachable host as an error, not as an absent domain' {
        $desired = @{ Name = 'web01'; Uri = 'test+tcp://127.0.0.1:1/default'; Ensure = 'Absent' }
        { Invoke-AsDsc Get $desired } | Should -Throw '*127.0.0.1*'
    }

    It 'Export lists every domain of the host with its state' {
        New-VMDomain -Uri $Uri -Xml $Xml -Start | Out-Null
        New-VMDomain -Uri $Uri -Xml (New-TestDomainXml -Name db01) | Out-Null
        $filter = & $Dsc { [LibvirtDomain]::new() }
        $filter.Uri = $Uri
        $all = & $Dsc { param($f) [LibvirtDomain]::Export($f) } $filter
        @($all | ForEach-Object { "$($_.Name)=$($_.State)" } | Sort-Object) | Should -Be @('db01=Shutoff', 'web01=Running')
        ($all | Where-Object Name -eq 'web01').VCpus | Should -Be 2
    }

    It 'with Set-VMDomain in Libvirt, sets VCpus, MemoryMB (raising the maximum) and Autostart; a second Set changes nothing' -Skip:(-not $HasSetVMDomain) {
        New-VMDomain -Uri $Uri -Xml $Xml | Out-Null
        $desired = @{ Name = 'web01'; Uri = $Uri; VCpus = 1; MemoryMB = 1024; Autostart = $true }
        Invoke-AsDsc Test $desired | Should -BeFalse
        Invoke-AsDsc Set $desired | Should -Not -BeNullOrEmpty
        $d = Get-VMDomain -Uri $Uri -Name web01
        $d.VCpus | Should -Be 1
        $d.MemoryMB | Should -Be 1024
        $d.Autostart | Should -BeTrue
        Invoke-AsDsc Test $desired | Should -BeTrue
        @(Invoke-AsDsc Set $desired) | Should -BeNullOrEmpty
    }

    It 'without Set-VMDomain in Libvirt, a VCpus change is refused with LibvirtDscSetVMDomainMissing' -Skip:$HasSetVMDomain {
        New-VMDomain -Uri $Uri -Xml $Xml | Out-Null
        $e = { Invoke-AsDsc Set @{ Name = 'web01'; Uri = $Uri; VCpus = 4 } } | Should -Throw -PassThru
        $e.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId, $e.FullyQualifiedErrorId | Should -Contain 'LibvirtDscSetVMDomainMissing'
        (Invoke-AsDsc Test @{ Name = 'web01'; Uri = $Uri; VCpus = 2 }) | Should -BeTrue
        (Invoke-AsDsc Test @{ Name = 'web01'; Uri = $Uri; VCpus = 4 }) | Should -BeFalse
    }
}

Describe 'LibvirtDomain on a real libvirt daemon (host1''s test driver), checked with virsh' {
    BeforeAll {
        $script:RealUri = $env:LIBVIRT_PS_HOST1_TEST_URI
        if (-not $RealUri) { throw 'LIBVIRT_PS_HOST1_TEST_URI is not set: start tests/hosts/start.sh and load hosts.env.' }
        $script:RealName = "dsc-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        # A daemon's test:///default keeps its domains only while some connection is open (libvirt's test
        # driver); the session connection holds it, as it would in a DSC run's process.
        Connect-VMHost -Uri $RealUri | Out-Null
    }
    AfterAll {
        if ($script:RealName) { Invoke-AsDsc Set @{ Name = $RealName; Uri = $RealUri; Ensure = 'Absent' } | Out-Null }
        Disconnect-VMHost -Uri $RealUri -ErrorAction SilentlyContinue
    }

    It 'defines, starts, pauses, shuts off, sizes (with Set-VMDomain) and removes as virsh reports, each second Set changing nothing' {
        $xml = New-TestDomainXml -Name $RealName -MemoryMiB 128 -VCpus 1
        foreach ($step in @(
                @{ P = @{ State = 'Running'; DefinitionXml = $xml }; Virsh = 'running' },
                @{ P = @{ State = 'Paused' }; Virsh = 'paused' },
                @{ P = @{ State = 'Shutoff' }; Virsh = 'shut off' })) {
            $desired = @{ Name = $RealName; Uri = $RealUri } + $step.P
            Invoke-AsDsc Set $desired | Should -Not -BeNullOrEmpty
            Invoke-Virsh $RealUri "domstate $RealName" | Should -Be $step.Virsh
            Invoke-AsDsc Test $desired | Should -BeTrue
            @(Invoke-AsDsc Set $desired) | Should -BeNullOrEmpty
        }
        (Invoke-AsDsc Get @{ Name = $RealName; Uri = $RealUri }).Uuid | Should -Be (Invoke-Virsh $RealUri "domuuid $RealName")
        if ($HasSetVMDomain) {
            $sized = @{ Name = $RealName; Uri = $RealUri; MemoryMB = 256; Autostart = $true }
            Invoke-AsDsc Set $sized | Should -Not -BeNullOrEmpty
            $info = Invoke-Virsh $RealUri "dominfo $RealName"
            $info | Should -Match 'Max memory:\s+262144 KiB'
            $info | Should -Match 'Used memory:\s+262144 KiB'
            $info | Should -Match 'Autostart:\s+enable'
            Invoke-AsDsc Test $sized | Should -BeTrue
            @(Invoke-AsDsc Set $sized) | Should -BeNullOrEmpty
        }
        $absent = @{ Name = $RealName; Uri = $RealUri; Ensure = 'Absent' }
        Invoke-AsDsc Set $absent | Should -Match 'removing'
        Invoke-Virsh $RealUri 'list --all --name' | Should -Not -Match $RealName
        Invoke-AsDsc Test $absent | Should -BeTrue
    }
}

Describe 'LibvirtDomain on a real QEMU host (host1 and host3), persistent across connections, checked with virsh' {
    It 'defines the tiny guest shut off on host<Number> and removes it; second Sets change nothing' -TestCases @(@{ Number = 1 }, @{ Number = 3 }) {
        $uri = [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST$($Number)_URI")
        if (-not $uri) { throw "LIBVIRT_PS_HOST$($Number)_URI is not set: start tests/hosts/start.sh and load hosts.env." }
        $name = "dsc-tiny-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $xml = (Get-Content $env:LIBVIRT_PS_TINY_XML -Raw).Replace('<name>tiny</name>', "<name>$name</name>")
        try {
            $present = @{ Name = $name; Uri = $uri; DefinitionXml = $xml; State = 'Shutoff' }
            (Invoke-AsDsc Set $present) -join "`n" | Should -Match 'defining'
            Invoke-Virsh $uri "domstate $name" | Should -Be 'shut off'
            Invoke-AsDsc Test $present | Should -BeTrue
            @(Invoke-AsDsc Set $present) | Should -BeNullOrEmpty
            $got = Invoke-AsDsc Get @{ Name = $name; Uri = $uri }
            $got.Uuid | Should -Be (Invoke-Virsh $uri "domuuid $name")
            $got.VCpus | Should -Be 1
            $got.MemoryMB | Should -Be 64
        }
        finally {
            $absent = @{ Name = $name; Uri = $uri; Ensure = 'Absent' }
            Invoke-AsDsc Set $absent | Out-Null
        }
        Invoke-Virsh $uri 'list --all --name' | Should -Not -Match $name
        Invoke-AsDsc Test $absent | Should -BeTrue
        @(Invoke-AsDsc Set $absent) | Should -BeNullOrEmpty
    }
}

Describe 'LibvirtNetwork and LibvirtStoragePool on the embedded test hypervisor' {
    BeforeEach {
        $script:Uri = New-DscUri
        $script:NetXml = "<network><name>lan1</name><bridge name='vbrdsc1'/><ip address='192.0.2.1' netmask='255.255.255.0'/></network>"
        $script:PoolXml = "<pool type='dir'><name>pool1</name><target><path>/var/lib/dsc-pool1</path></target></pool>"
    }

    It '<Resource>: defines, starts and autostarts; a second Set changes nothing; Inactive stops it; Absent removes it' -TestCases @(
        @{ Resource = 'LibvirtNetwork'; Kind = 'Network' }
        @{ Resource = 'LibvirtStoragePool'; Kind = 'StoragePool' }
    ) {
        $name = if ($Kind -eq 'Network') { 'lan1' } else { 'pool1' }
        $xml = if ($Kind -eq 'Network') { $NetXml } else { $PoolXml }
        $get = { & "Get-VM$Kind" -Uri $Uri -Name $name }
        $desired = @{ Name = $name; Uri = $Uri; DefinitionXml = $xml; State = 'Active'; Autostart = $true }
        (Invoke-AsDsc Get $desired $Resource).Ensure | Should -Be 'Absent'
        Invoke-AsDsc Test $desired $Resource | Should -BeFalse
        $changes = (Invoke-AsDsc Set $desired $Resource) -join "`n"
        $changes | Should -Match 'defining'
        $changes | Should -Match 'Inactive -> Active'
        (& $get).IsActive | Should -BeTrue
        (& $get).Autostart | Should -BeTrue
        Invoke-AsDsc Test $desired $Resource | Should -BeTrue
        @(Invoke-AsDsc Set $desired $Resource) | Should -BeNullOrEmpty
        (Invoke-AsDsc Get @{ Name = $name; Uri = $Uri } $Resource).Uuid | Should -Be "$((& $get).Uuid)"

        $inactive = @{ Name = $name; Uri = $Uri; State = 'Inactive' }
        Invoke-AsDsc Set $inactive $Resource | Should -Not -BeNullOrEmpty
        (& $get).IsActive | Should -BeFalse
        (& $get).Autostart | Should -BeTrue   # not given: left alone
        @(Invoke-AsDsc Set $inactive $Resource) | Should -BeNullOrEmpty

        $absent = @{ Name = $name; Uri = $Uri; Ensure = 'Absent' }
        Invoke-AsDsc Set @{ Name = $name; Uri = $Uri; State = 'Active' } $Resource | Out-Null
        Invoke-AsDsc Set $absent $Resource | Should -Match 'removing'
        & "Get-VM$Kind" -Uri $Uri -Name "$name*" | Should -BeNullOrEmpty
        Invoke-AsDsc Test $absent $Resource | Should -BeTrue
        @(Invoke-AsDsc Set $absent $Resource) | Should -BeNullOrEmpty
    }

    It '<Resource>: refuses a definition of another kind or name, and a missing one, before anything changes' -TestCases @(
        @{ Resource = 'LibvirtNetwork'; Kind = 'Network'; Name = 'lan1' }
        @{ Resource = 'LibvirtStoragePool'; Kind = 'StoragePool'; Name = 'pool1' }
    ) {
        $wrong = "<domain type='test'><name>$Name</name><memory>1024</memory><os><type>hvm</type></os></domain>"
        $e = { Invoke-AsDsc Set @{ Name = $Name; Uri = $Uri; DefinitionXml = $wrong } $Resource } | Should -Throw -PassThru
        $e.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId, $e.FullyQualifiedErrorId | Should -Contain 'LibvirtDscDefinitionNameMismatch'
        $e = { Invoke-AsDsc Set @{ Name = $Name; Uri = $Uri; State = 'Active' } $Resource } | Should -Throw -PassThru
        $e.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId, $e.FullyQualifiedErrorId | Should -Contain 'LibvirtDscDefinitionRequired'
        & "Get-VM$Kind" -Uri $Uri -Name "$Name*" | Should -BeNullOrEmpty
        Get-VMDomain -Uri $Uri -Name "$Name*" | Should -BeNullOrEmpty
    }

    It '<Resource>: Export lists the host''s objects' -TestCases @(
        @{ Resource = 'LibvirtNetwork'; Expected = 'default=Active' }
        @{ Resource = 'LibvirtStoragePool'; Expected = 'default-pool=Active' }
    ) {
        $filter = & $Dsc { param($t) New-Object -TypeName $t } $Resource
        $filter.Uri = 'test:///default'
        $all = & $Dsc { param($t, $f) ($t -as [type])::Export($f) } $Resource $filter
        @($all | ForEach-Object { "$($_.Name)=$($_.State)" }) | Should -Contain $Expected
    }
}

Describe 'LibvirtNetwork and LibvirtStoragePool on a real QEMU host (host1), checked with virsh' {
    BeforeAll {
        $script:QemuUri = $env:LIBVIRT_PS_HOST1_URI
        if (-not $QemuUri) { throw 'LIBVIRT_PS_HOST1_URI is not set: start tests/hosts/start.sh and load hosts.env.' }
        $script:Tag = [guid]::NewGuid().ToString('N').Substring(0, 6)
        $script:PoolDir = Join-Path ([IO.Path]::GetTempPath()) "dsc-pool-$Tag"
    }
    AfterAll {
        Invoke-AsDsc Set @{ Name = "dscnet-$Tag"; Uri = $QemuUri; Ensure = 'Absent' } 'LibvirtNetwork' | Out-Null
        Invoke-AsDsc Set @{ Name = "dscpool-$Tag"; Uri = $QemuUri; Ensure = 'Absent' } 'LibvirtStoragePool' | Out-Null
        if (Test-Path $PoolDir) { Remove-Item $PoolDir -Recurse -Force }
    }

    It 'LibvirtNetwork: defines an inactive network with autostart, as virsh net-info reports, then removes it' {
        $name = "dscnet-$Tag"
        $xml = "<network><name>$name</name><bridge name='lvd$Tag'/></network>"
        $desired = @{ Name = $name; Uri = $QemuUri; DefinitionXml = $xml; State = 'Inactive'; Autostart = $true }
        (Invoke-AsDsc Set $desired 'LibvirtNetwork') -join "`n" | Should -Match 'defining'
        $info = Invoke-Virsh $QemuUri "net-info $name"
        $info | Should -Match 'Active:\s+no'
        $info | Should -Match 'Autostart:\s+yes'
        Invoke-AsDsc Test $desired 'LibvirtNetwork' | Should -BeTrue
        @(Invoke-AsDsc Set $desired 'LibvirtNetwork') | Should -BeNullOrEmpty
        Invoke-AsDsc Set @{ Name = $name; Uri = $QemuUri; Ensure = 'Absent' } 'LibvirtNetwork' | Should -Match 'removing'
        Invoke-Virsh $QemuUri 'net-list --all --name' | Should -Not -Match $name
    }

    It 'LibvirtStoragePool: defines and starts a dir pool (building its target), stops and removes it, as virsh pool-info reports' {
        $name = "dscpool-$Tag"
        $xml = "<pool type='dir'><name>$name</name><target><path>$PoolDir</path></target></pool>"
        $desired = @{ Name = $name; Uri = $QemuUri; DefinitionXml = $xml; State = 'Active' }
        Invoke-AsDsc Set $desired 'LibvirtStoragePool' | Should -Not -BeNullOrEmpty
        Invoke-Virsh $QemuUri "pool-info $name" | Should -Match 'State:\s+running'
        $PoolDir | Should -Exist
        @(Invoke-AsDsc Set $desired 'LibvirtStoragePool') | Should -BeNullOrEmpty
        Invoke-AsDsc Set @{ Name = $name; Uri = $QemuUri; State = 'Inactive' } 'LibvirtStoragePool' | Out-Null
        Invoke-Virsh $QemuUri "pool-info $name" | Should -Match 'State:\s+inactive'
        Invoke-AsDsc Set @{ Name = $name; Uri = $QemuUri; Ensure = 'Absent' } 'LibvirtStoragePool' | Should -Match 'removing'
        Invoke-Virsh $QemuUri 'pool-list --all --name' | Should -Not -Match $name
    }
}
