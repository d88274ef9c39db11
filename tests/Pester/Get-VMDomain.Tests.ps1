BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-VMDomain' {
    BeforeAll {
        Disconnect-VMHost
        $script:uri = New-TestHost -Running 'web1', 'web2' -Stopped 'db1'
    }
    AfterAll { Disconnect-VMHost }

    It 'lists every domain with typed objects' {
        $all = Get-VMDomain -Uri $uri
        $all.Count | Should -Be 3
        $all | ForEach-Object { $_ | Should -BeOfType ([Libvirt.Engine.Model.VMDomain]) }
        $web1 = $all | Where-Object Name -eq 'web1'
        $web1.State | Should -Be 'Running'
        $web1.StateReason | Should -Be 'Booted'
        $web1.Id | Should -BeGreaterThan 0
        $web1.VCpus | Should -Be 2
        $web1.MemoryMB | Should -Be 512
        $web1.MaxMemoryMB | Should -Be 512
        $web1.Persistent | Should -BeTrue
        $web1.Uri | Should -Be $uri
        $web1.Host | Should -Be ($uri -replace '^test:///', '')
        ($all | Where-Object Name -eq 'db1').Id | Should -BeNullOrEmpty
    }

    It 'filters -Name with wildcards, case-insensitively' {
        (Get-VMDomain -Uri $uri -Name 'WEB*' | Sort-Object Name).Name | Should -Be @('web1', 'web2')
        (Get-VMDomain -Uri $uri -Name '*1' | Sort-Object Name).Name | Should -Be @('db1', 'web1')
        (Get-VMDomain -Uri $uri 'web?').Count | Should -Be 2
    }

    It 'takes several names, exact and wildcard' {
        (Get-VMDomain -Uri $uri -Name 'db1', 'web2' | Sort-Object Name).Name | Should -Be @('db1', 'web2')
    }

    It 'a name without wildcards that matches nothing is a non-terminating ObjectNotFound error' {
        $out = Get-VMDomain -Uri $uri -Name 'nosuch', 'web1' -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Name | Should -Be 'web1'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.GetVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nosuch'
        $err[0].Exception.Message | Should -Match 'nosuch'
    }

    It 'a wildcard that matches nothing is silent' {
        $out = Get-VMDomain -Uri $uri -Name 'zzz*' -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err.Count | Should -Be 0
    }

    It 'finds by -Id' {
        $web2 = Get-VMDomain -Uri $uri -Name web2
        (Get-VMDomain -Uri $uri -Id $web2.Id).Name | Should -Be 'web2'
        Get-VMDomain -Uri $uri -Id 9999 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.GetVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'finds by -Uuid' {
        $db1 = Get-VMDomain -Uri $uri -Name db1
        (Get-VMDomain -Uri $uri -Uuid $db1.Uuid).Name | Should -Be 'db1'
        (Get-VMDomain -Uri $uri -Uuid $db1.Uuid.ToString()).Name | Should -Be 'db1'
        Get-VMDomain -Uri $uri -Uuid ([guid]::NewGuid()) -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.GetVMDomainCommand'
    }

    It 'filters by -State' {
        (Get-VMDomain -Uri $uri -State ShutOff).Name | Should -Be 'db1'
        (Get-VMDomain -Uri $uri -State Running | Sort-Object Name).Name | Should -Be @('web1', 'web2')
        (Get-VMDomain -Uri $uri -State Running, ShutOff).Count | Should -Be 3
        (Get-VMDomain -Uri $uri -Name 'web*' -State ShutOff) | Should -BeNullOrEmpty
        { Get-VMDomain -Uri $uri -State Sleeping } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Libvirt.PowerShell.Commands.GetVMDomainCommand'
    }

    It 'uses the connected session hosts and -Connection' {
        $c = Connect-VMHost $uri
        (Get-VMDomain).Count | Should -Be 3
        $other = New-TestHost -Running 'x'
        (Get-VMDomain -Uri $other).Name | Should -Be 'x'
        ($c | Get-VMDomain -Name web1).Name | Should -Be 'web1'
        (Get-VMDomain -Connection $c -Name db1).Name | Should -Be 'db1'
        Disconnect-VMHost
    }

    It 'reads several hosts in one call' {
        $other = New-TestHost -Running 'web9'
        (Get-VMDomain -Uri $uri, $other -Name 'web*').Count | Should -Be 3
        (Get-VMDomain -Uri $uri, $other -Name 'web9').Uri | Should -Be $other
    }

    It 'test:///default has the running domain test' {
        $t = Get-VMDomain -Uri 'test:///default' -Name test
        $t.Uuid | Should -Be ([guid]'6695eb01-f6a4-8304-79aa-97f2502e193f')
        $t.State | Should -Be 'Running'
    }

    It 'declares its output type' {
        (Get-Command Get-VMDomain).OutputType.Type | Should -Contain ([Libvirt.Engine.Model.VMDomain])
    }
}
