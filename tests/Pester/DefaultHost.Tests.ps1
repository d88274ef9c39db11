BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Choosing hosts when none is given' {
    BeforeEach {
        Disconnect-VMHost
        $script:savedDefault = $env:LIBVIRT_DEFAULT_URI
        $env:LIBVIRT_DEFAULT_URI = $null
    }
    AfterEach {
        $env:LIBVIRT_DEFAULT_URI = $script:savedDefault
        Disconnect-VMHost
    }

    It 'with no host and no LIBVIRT_DEFAULT_URI, <Command> fails with NoHostConnected mentioning test:///default' -ForEach @(
        @{ Command = 'Get-VMDomain'; Class = 'GetVMDomainCommand'; Script = { Get-VMDomain } }
        @{ Command = 'Get-VMHost'; Class = 'GetVMHostCommand'; Script = { Get-VMHost } }
        @{ Command = 'Start-VMDomain'; Class = 'StartVMDomainCommand'; Script = { Start-VMDomain -Name x } }
        @{ Command = 'New-VMDomain'; Class = 'NewVMDomainCommand'; Script = { New-VMDomain -Xml (New-TestDomainXml -Name x) } }
        @{ Command = 'Get-VMDomainXml'; Class = 'GetVMDomainXmlCommand'; Script = { Get-VMDomainXml -Name x } }
    ) {
        $record = $null
        try { & $Script -ErrorAction Stop } catch { $record = $_ }
        $record | Should -Not -BeNullOrEmpty
        $record.FullyQualifiedErrorId | Should -Be "NoHostConnected,Libvirt.PowerShell.Commands.$Class"
        $record.Exception.Message | Should -Match 'test:///default'
        $record.Exception.Message | Should -Match 'Connect-VMHost'
        $record.Exception.Message | Should -Match 'LIBVIRT_DEFAULT_URI'
    }

    It 'uses $env:LIBVIRT_DEFAULT_URI when no host is connected' {
        $uri = New-TestHost -Running 'envdom'
        $env:LIBVIRT_DEFAULT_URI = $uri
        (Get-VMDomain).Name | Should -Be 'envdom'
        (Get-VMHost).Uri | Should -Be $uri
        Stop-VMDomain -Name envdom
        (Get-VMDomain -Name envdom).State | Should -Be 'ShutOff'
        # It is used, not connected: the session still has no hosts.
        { Disconnect-VMHost -Uri $uri -ErrorAction Stop } | Should -Throw -ErrorId 'HostNotConnected,Libvirt.PowerShell.Commands.DisconnectVMHostCommand'
    }

    It 'connected session hosts win over $env:LIBVIRT_DEFAULT_URI' {
        $envUri = New-TestHost -Running 'fromenv'
        $sessionUri = New-TestHost -Running 'fromsession'
        $env:LIBVIRT_DEFAULT_URI = $envUri
        Connect-VMHost $sessionUri | Out-Null
        (Get-VMDomain).Name | Should -Be 'fromsession'
    }

    It '-Uri wins over the session hosts' {
        $a = New-TestHost -Running 'onA'
        $b = New-TestHost -Running 'onB'
        Connect-VMHost $a | Out-Null
        (Get-VMDomain -Uri $b).Name | Should -Be 'onB'
    }
}
