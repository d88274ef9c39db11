BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Remove-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' -Stopped 'off', 'off2' }
    AfterAll { Disconnect-VMHost }

    It 'declares ConfirmImpact High and ShouldProcess' {
        $cmd = Get-Command Remove-VMDomain
        $attr = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
        $attr.SupportsShouldProcess | Should -BeTrue
        $cmd.Parameters.Keys | Should -Contain 'Force'
    }

    It 'removes a shut-off domain' {
        Remove-VMDomain -Uri $uri -Name off -Confirm:$false
        (Get-VMDomain -Uri $uri | Sort-Object Name).Name | Should -Be @('off2', 'r')
    }

    It 'removes domains from the pipeline' {
        Get-VMDomain -Uri $uri -Name 'off*' | Remove-VMDomain -Confirm:$false
        (Get-VMDomain -Uri $uri).Name | Should -Be 'r'
    }

    It 'a running domain stays running as a transient domain, with a warning' {
        Remove-VMDomain -Uri $uri -Name r -Confirm:$false -WarningVariable warn -WarningAction SilentlyContinue
        $warn.Count | Should -Be 1
        "$($warn[0])" | Should -Match 'transient'
        $d = Get-VMDomain -Uri $uri -Name r
        $d.State | Should -Be 'Running'
        $d.Persistent | Should -BeFalse
    }

    It '-Force powers a running domain off so it is gone' {
        Remove-VMDomain -Uri $uri -Name r -Force -Confirm:$false
        Get-VMDomain -Uri $uri -Name r -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.GetVMDomainCommand'
    }

    It '-WhatIf removes nothing' {
        Remove-VMDomain -Uri $uri -Name '*' -Force -WhatIf
        (Get-VMDomain -Uri $uri).Count | Should -Be 3
    }

    It 'with $ConfirmPreference High, -Confirm:$false removes without prompting' {
        $ConfirmPreference = 'High'
        Remove-VMDomain -Uri $uri -Name off -Confirm:$false
        (Get-VMDomain -Uri $uri -Name 'off*').Name | Should -Be 'off2'
    }

    It 'an unknown name is DomainNotFound' {
        Remove-VMDomain -Uri $uri -Name nosuch -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.RemoveVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'removing a transient domain is OperationInvalid and it keeps running' {
        Remove-VMDomain -Uri $uri -Name r -Confirm:$false -WarningAction SilentlyContinue
        Remove-VMDomain -Uri $uri -Name r -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'OperationInvalid,Libvirt.PowerShell.Commands.RemoveVMDomainCommand'
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Running'
    }
}
