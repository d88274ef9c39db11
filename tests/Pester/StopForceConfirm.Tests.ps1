BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# Stop-VMDomain is ConfirmImpact Medium, but -Force (power off) confirms like a ConfirmImpact High command.
Describe 'Stop-VMDomain -Force confirmation' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' }
    AfterAll { Disconnect-VMHost }

    It 'asks before powering off under the default $ConfirmPreference (High): here, with no one to answer, it refuses and the domain runs on' {
        $ConfirmPreference | Should -Be 'High'
        { Stop-VMDomain -Uri $uri -Name r -Force -ErrorAction Stop } | Should -Throw
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Running'
    }

    It 'does not ask for a graceful shutdown' {
        Stop-VMDomain -Uri $uri -Name r
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'ShutOff'
    }

    It 'powers off without asking with -Confirm:$false, or when $ConfirmPreference is None' {
        Stop-VMDomain -Uri $uri -Name r -Force -Confirm:$false
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'ShutOff'
        Start-VMDomain -Uri $uri -Name r
        $ConfirmPreference = 'None'
        Stop-VMDomain -Uri $uri -Name r -Force
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'ShutOff'
    }
}
