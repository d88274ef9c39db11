BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-VMDomainXml' {
    BeforeEach {
        Disconnect-VMHost
        $script:uri = New-TestUri
        New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'vm' -Uuid '11111111-2222-3333-4444-555555555555' -VCpus 2) -Start | Out-Null
    }
    AfterAll { Disconnect-VMHost }

    It 'returns the live XML of a running domain, with its id' {
        $xml = [xml](Get-VMDomainXml -Uri $uri -Name vm)
        $xml.domain.name | Should -Be 'vm'
        $xml.domain.uuid | Should -Be '11111111-2222-3333-4444-555555555555'
        $xml.domain.id | Should -Be "$((Get-VMDomain -Uri $uri -Name vm).Id)"
        $xml.domain.vcpu.'#text' | Should -Be '2'
    }

    It '-Inactive returns the persistent definition, without id, including pending changes' {
        New-VMDomain -Uri $uri -Xml (New-TestDomainXml -Name 'vm' -Uuid '11111111-2222-3333-4444-555555555555' -VCpus 6) | Out-Null
        $live = [xml](Get-VMDomainXml -Uri $uri -Name vm)
        $inactive = [xml](Get-VMDomainXml -Uri $uri -Name vm -Inactive)
        $live.domain.vcpu.'#text' | Should -Be '2'
        $inactive.domain.vcpu.'#text' | Should -Be '6'
        $inactive.domain.GetAttribute('id') | Should -BeNullOrEmpty
    }

    It 'takes domains from the pipeline and returns strings' {
        $x = Get-VMDomain -Uri $uri | Get-VMDomainXml
        $x | Should -BeOfType ([string])
        $x | Should -Match '<name>vm</name>'
        (Get-Command Get-VMDomainXml).OutputType.Type | Should -Contain ([string])
    }

    It 'an unknown name is DomainNotFound' {
        Get-VMDomainXml -Uri $uri -Name nosuch -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.GetVMDomainXmlCommand'
    }
}
