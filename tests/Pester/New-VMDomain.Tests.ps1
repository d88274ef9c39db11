BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'New-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestUri }
    AfterAll { Disconnect-VMHost }

    It 'defines a domain from -Xml, shut off and persistent' {
        $d = New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'vm1' -MemoryMiB 1024 -VCpus 4)
        $d | Should -BeOfType ([Libvirt.Engine.Model.VMDomain])
        $d.Name | Should -Be 'vm1'
        $d.State | Should -Be 'ShutOff'
        $d.Persistent | Should -BeTrue
        $d.VCpus | Should -Be 4
        $d.MemoryMB | Should -Be 1024
        $d.Uuid | Should -Not -Be ([guid]::Empty)
        (Get-VMDomain -Uri $uri).Name | Should -Be 'vm1'
    }

    It 'keeps a given UUID' {
        $d = New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'vm1' -Uuid '11111111-2222-3333-4444-555555555555')
        $d.Uuid | Should -Be ([guid]'11111111-2222-3333-4444-555555555555')
    }

    It 'defines and starts with -Start' {
        $d = New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'vm1') -Start
        $d.State | Should -Be 'Running'
        $d.Id | Should -BeGreaterThan 0
    }

    It 'reads -Path, relative to the current location' {
        $file = Join-Path $TestDrive 'vm.xml'
        Set-Content -Path $file -Value (New-TestDomainXml -Name 'fromfile')
        (New-VMDomain -Uri $uri -Path $file).Name | Should -Be 'fromfile'
        Push-Location $TestDrive
        try { (New-VMDomain -Uri (New-TestUri) -Path 'vm.xml').Name | Should -Be 'fromfile' } finally { Pop-Location }
    }

    It 'a missing -Path file is a FileNotFound error' {
        New-VMDomain -Uri $uri -Path (Join-Path $TestDrive 'missing.xml') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'FileNotFound' 'NewVMDomainCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'accepts XML from the pipeline' {
        $names = (New-TestDomainXml -Name 'p1'), (New-TestDomainXml -Name 'p2') | New-VMDomain -Uri $uri | ForEach-Object Name
        $names | Should -Be @('p1', 'p2')
    }

    It 'bad XML is an InvalidXml InvalidData error and nothing changes' {
        New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'keep') | Out-Null
        New-VMDomain -Uri $uri -Xml '<domain type="test"><name>broken</name>' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidXml,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        (Get-VMDomain -Uri $uri).Name | Should -Be 'keep'
    }

    It 'the host judges the XML: libvirt''s own code for a definition without a name' {
        New-VMDomain -Uri $uri -Xml '<domain type="test"><memory>1</memory><os><type>hvm</type></os></domain>' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidXml,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        $err[0].Exception.Code | Should -Be 'NoName'
        $err[0].Exception.Message | Should -Be 'missing name information'
    }

    It 'a DTD is refused before any host is needed' {
        $env:LIBVIRT_DEFAULT_URI = $null
        Disconnect-VMHost
        $err = $null
        try { New-VMDomain -Xml '<!DOCTYPE domain><domain type="test"><name>d</name><os><type>hvm</type></os></domain>' -ErrorVariable err -ErrorAction SilentlyContinue } catch { $err = @($_) }
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidXml,Libvirt.PowerShell.Commands.NewVMDomainCommand'
    }

    It 'valid XML that a strict local parse would refuse is taken, as libvirt takes it: lowercase units, memory from NUMA cells' {
        $d = New-VMDomain -Uri $uri -Xml "<domain type='test'><name>lower</name><memory unit='mib'>256</memory><os><type>hvm</type></os></domain>"
        $d.MaxMemoryMB | Should -Be 256
        $numa = "<domain type='test'><name>numa</name><vcpu>4</vcpu><os><type>hvm</type></os><cpu><numa>" +
            "<cell id='0' cpus='0-1' memory='512' unit='MiB'/><cell id='1' cpus='2-3' memory='256' unit='MiB'/></numa></cpu></domain>"
        (New-VMDomain -Uri $uri -Xml $numa).MaxMemoryMB | Should -Be 768
    }

    It 'refuses a DOCTYPE with an external entity and reads no file' {
        $secret = Join-Path $TestDrive 'secret.txt'
        Set-Content $secret 'TOPSECRETNAME'
        $xml = "<!DOCTYPE domain [<!ENTITY x SYSTEM '$(([uri]$secret).AbsoluteUri)'>]><domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os></domain>"
        New-VMDomain -Uri $uri -Xml $xml -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidXml,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        "$($err[0])" | Should -Not -Match 'TOPSECRETNAME'
        Get-VMDomain -Uri $uri | Should -BeNullOrEmpty
    }

    It 'a name clash is an OperationFailed error' {
        New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'dup') | Out-Null
        New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'dup') -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'OperationFailed,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        @(Get-VMDomain -Uri $uri).Count | Should -Be 1
    }

    It 'a kvm definition runs on the test driver, as on libvirt''s; an unknown type is ConfigUnsupported' {
        $k = New-VMDomain -Uri $uri -Xml "<domain type='kvm'><name>k</name><memory>1024</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>" -Start
        $k.State | Should -Be 'Running'
        New-VMDomain -Uri $uri -Xml "<domain type='foo'><name>f</name><memory>1024</memory><os><type>hvm</type></os></domain>" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ConfigUnsupported,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        $err[0].Exception.Message | Should -Be 'unsupported configuration: invalid domain type foo'
    }

    It '-WhatIf defines nothing' {
        New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'ghost') -Start -WhatIf | Should -BeNullOrEmpty
        Get-VMDomain -Uri $uri | Should -BeNullOrEmpty
    }
}
