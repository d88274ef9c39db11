BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# Stop-VMDomain is ConfirmImpact Medium, but -TurnOff (power off) confirms like a ConfirmImpact High command;
# -Force suppresses that prompt, and never adds one.
Describe 'Stop-VMDomain -TurnOff confirmation' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' }
    AfterAll { Disconnect-VMHost }

    It 'asks before powering off under the default $ConfirmPreference (High): here, with no one to answer, it refuses and the domain runs on' {
        $ConfirmPreference | Should -Be 'High'
        { Stop-VMDomain -Uri $uri -Name r -TurnOff -ErrorAction Stop } | Should -Throw
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Running'
    }

    It 'the virsh name -Destroy is the same switch' {
        { Stop-VMDomain -Uri $uri -Name r -Destroy -ErrorAction Stop } | Should -Throw
        Stop-VMDomain -Uri $uri -Name r -Destroy -Force
        (Get-VMDomain -Uri $uri -Name r).StateReason | Should -Be 'Destroyed'
    }

    It 'does not ask for a graceful shutdown' {
        Stop-VMDomain -Uri $uri -Name r
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'ShutOff'
    }

    It '-Force powers off without asking' {
        Stop-VMDomain -Uri $uri -Name r -TurnOff -Force
        (Get-VMDomain -Uri $uri -Name r).StateReason | Should -Be 'Destroyed'
    }

    It '-Force alone shuts down gracefully, without asking' {
        Stop-VMDomain -Uri $uri -Name r -Force
        (Get-VMDomain -Uri $uri -Name r).StateReason | Should -Be 'Shutdown'
    }

    It '-Force -WhatIf still changes nothing' {
        Stop-VMDomain -Uri $uri -Name r -TurnOff -Force -WhatIf
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Running'
    }

    It 'powers off without asking with -Confirm:$false, or when $ConfirmPreference is None' {
        Stop-VMDomain -Uri $uri -Name r -TurnOff -Confirm:$false
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'ShutOff'
        Start-VMDomain -Uri $uri -Name r
        $ConfirmPreference = 'None'
        Stop-VMDomain -Uri $uri -Name r -TurnOff
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'ShutOff'
    }
}
