BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Connect-VMHost and Disconnect-VMHost' {
    BeforeEach { Disconnect-VMHost }
    AfterAll { Disconnect-VMHost }

    It 'returns an open connection and adds it to the session hosts' {
        $uri = New-TestHost -Running 'a'
        $c = Connect-VMHost -Uri $uri
        $c | Should -BeOfType ([Libvirt.Engine.Connections.VMHostConnection])
        $c.Uri | Should -Be $uri
        $c.IsOpen | Should -BeTrue
        $c.Hostname | Should -Be ($uri -replace '^test:///', '')
        $c.DriverName | Should -Be 'test'
        # Session hosts are used without -Uri.
        (Get-VMDomain).Name | Should -Be 'a'
    }

    It 'reuses the open connection for the same URI' {
        $uri = New-TestUri
        $a = Connect-VMHost -Uri $uri
        $b = Connect-VMHost $uri
        $b.Id | Should -Be $a.Id
        [object]::ReferenceEquals($a, $b) | Should -BeTrue
        @(Get-VMHost).Count | Should -Be 1
    }

    It 'connects to several hosts from the pipeline and lists domains of all' {
        $u1 = New-TestHost -Running 'one'
        $u2 = New-TestHost -Stopped 'two'
        $conns = $u1, $u2 | Connect-VMHost
        $conns.Count | Should -Be 2
        (Get-VMDomain | Sort-Object Name).Name | Should -Be @('one', 'two')
        (Get-VMHost).Uri | Sort-Object | Should -Be (@($u1, $u2) | Sort-Object)
    }

    It 'Disconnect-VMHost -Uri closes only that host' {
        $u1 = New-TestUri; $u2 = New-TestUri
        $c1 = Connect-VMHost $u1; $c2 = Connect-VMHost $u2
        Disconnect-VMHost -Uri $u1
        $c1.IsOpen | Should -BeFalse
        $c2.IsOpen | Should -BeTrue
        (Get-VMHost).Uri | Should -Be $u2
    }

    It 'Disconnect-VMHost takes connections from the pipeline and with no argument closes all' {
        $c1 = Connect-VMHost (New-TestUri); $c2 = Connect-VMHost (New-TestUri)
        $c1 | Disconnect-VMHost
        $c1.IsOpen | Should -BeFalse
        $c2.IsOpen | Should -BeTrue
        Disconnect-VMHost
        $c2.IsOpen | Should -BeFalse
    }

    It 'Disconnect-VMHost -WhatIf keeps the connection' {
        $c = Connect-VMHost (New-TestUri)
        Disconnect-VMHost -Uri $c.Uri -WhatIf
        $c.IsOpen | Should -BeTrue
    }

    It 'Disconnect-VMHost of a URI that is not connected is a non-terminating HostNotConnected error' {
        Disconnect-VMHost -Uri 'test:///never-connected' -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'HostNotConnected' 'DisconnectVMHostCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        # A wildcard that matches nothing is silent.
        Disconnect-VMHost -Uri 'test:///nothing*' -ErrorVariable err2
        $err2.Count | Should -Be 0
    }

    It 'a malformed URI is a non-terminating InvalidArgument error and the next URI still connects' {
        $good = New-TestUri
        $out = Connect-VMHost -Uri 'qemu+bogus://host/system', $good -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'InvalidArgument' 'ConnectVMHostCommand')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Code | Should -Be 'InvalidArg'
        $err[0].Exception.Domain | Should -Be 'Uri'
        $out.Uri | Should -Be $good
    }

    It 'a missing node file is an OpenFailed error' {
        Connect-VMHost -Uri "test:///tmp/no-such-dir-$([guid]::NewGuid())/node.xml" -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'OpenFailed' 'ConnectVMHostCommand')
        $err[0].CategoryInfo.Category | Should -Be 'OpenError'
    }
}

Describe 'Get-VMHost' {
    BeforeEach { Disconnect-VMHost }
    AfterAll { Disconnect-VMHost }

    It 'describes a host given by -Uri without connecting it' {
        $uri = New-TestUri
        $h = Get-VMHost -Uri $uri
        $h | Should -BeOfType ([Libvirt.Engine.Model.VMHost])
        $h.Hostname | Should -Be ($uri -replace '^test:///', '')
        $h.Uri | Should -Be $uri
        $h.HypervisorType | Should -Be 'TEST'
        $h.Cpus | Should -BeGreaterThan 0
        $h.MemoryMB | Should -BeGreaterThan 0
        $h.LibvirtVersion | Should -BeOfType ([version])
        $h.LibvirtVersion.Major | Should -BeGreaterThan 0
        { Disconnect-VMHost -Uri $uri -ErrorAction Stop } | Should -Throw -ErrorId (Get-FullId 'HostNotConnected' 'DisconnectVMHostCommand')
    }

    It 'takes connections from the pipeline' {
        $c = Connect-VMHost (New-TestUri)
        ($c | Get-VMHost).Uri | Should -Be $c.Uri
    }

    It 'test:///default describes this machine' {
        (Get-VMHost -Uri 'test:///default').HypervisorType | Should -Be 'TEST'
    }
}
