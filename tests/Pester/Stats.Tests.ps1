# Statistics on the embedded test hypervisor, which has libvirt's test driver's: domains report only their
# state (virsh -c test:///default domstats), the host fixed CPU counters and no memory statistics.
BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-VMDomainStat' {
    BeforeAll { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r1', 'r2' -Stopped 's' }

    It 'writes one object per sample per metric, in the Get-Stat shape' {
        $stats = @(Get-VMDomainStat -Uri $uri -Name r1 -MaxSamples 2)
        $stats.Count | Should -Be 2
        $stats[0] | Should -BeOfType Libvirt.Engine.Stats.VMStat
        $stats | ForEach-Object { $_.Entity | Should -Be 'r1'; $_.MetricId | Should -Be 'sys.state'; $_.Value | Should -Be 1; $_.Unit | Should -Be 'state'; $_.Instance | Should -Be ''; $_.Uri | Should -Be $uri }
        ($stats[1].Timestamp - $stats[0].Timestamp).TotalSeconds | Should -BeGreaterOrEqual 0.9
    }

    It 'reads every piped domain, shut off ones too (state 5)' {
        $stats = @(Get-VMDomain -Uri $uri | Get-VMDomainStat)
        ($stats | Sort-Object Entity).Entity | Should -Be @('r1', 'r2', 's')
        ($stats | Where-Object Entity -eq 's').Value | Should -Be 5
    }

    It 'filters metrics with -Metric wildcards' {
        @(Get-VMDomainStat -Uri $uri -Name r1 -Metric cpu.*).Count | Should -Be 0
        @(Get-VMDomainStat -Uri $uri -Name r1 -Metric sys.*).Count | Should -Be 1
    }

    It 'refuses -IntervalSec 0 and -MaxSamples 0 before reading' {
        { Get-VMDomainStat -Uri $uri -Name r1 -IntervalSec 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Libvirt.PowerShell.Commands.GetVMDomainStatCommand'
        { Get-VMDomainStat -Uri $uri -Name r1 -MaxSamples 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Libvirt.PowerShell.Commands.GetVMDomainStatCommand'
    }

    It 'reports a missing domain as DomainNotFound and reads the others' {
        $stats = @(Get-VMDomainStat -Uri $uri -Name r1, nope -ErrorVariable err -ErrorAction SilentlyContinue)
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'DomainNotFound' 'GetVMDomainStatCommand')
        $stats.Entity | Should -Be 'r1'
    }
}

Describe 'Measure-VMDomain' {
    BeforeAll { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r1' }

    It 'summarizes -MaxSamples samples per metric' {
        $m = Measure-VMDomain -Uri $uri -Name r1 -MaxSamples 2
        $m | Should -BeOfType Libvirt.Engine.Stats.StatMeasure
        $m.MetricId | Should -Be 'sys.state'
        $m.Samples | Should -Be 2
        $m.Average | Should -Be 1
        $m.Maximum | Should -Be 1
        $m.Minimum | Should -Be 1
        $m.Finish | Should -BeGreaterThan $m.Start
    }
}

Describe 'Get-VMHostStat' {
    BeforeAll { Disconnect-VMHost; $script:uri = New-TestUri }

    It 'has the test driver''s CPU counters, a busy percentage and a warning for memory' {
        $s = @(Get-VMHostStat -Uri $uri -WarningVariable warn -WarningAction SilentlyContinue)
        ($s | Where-Object MetricId -eq 'cpu.user.ns').Value | Should -Be 9797400000
        ($s | Where-Object MetricId -eq 'cpu.system.ns').Value | Should -Be 34678723400000
        ($s | Where-Object MetricId -eq 'cpu.idle.ns').Value | Should -Be 87264900000
        ($s | Where-Object MetricId -eq 'cpu.iowait.ns').Value | Should -Be 763600000
        # Fixed counters: nothing moved between the samples, so no busy percentage can be computed.
        @($s | Where-Object MetricId -eq 'cpu.usage.percent').Count | Should -Be 0
        $warn.Count | Should -Be 1
        "$($warn[0])" | Should -Match 'virNodeGetMemoryStats'
        $s | ForEach-Object { $_.Entity | Should -Not -BeNullOrEmpty; $_.Uri | Should -Be $uri }
    }

    It 'reads one CPU with -Cpu and refuses one the host lacks with InvalidArgument' {
        $s = @(Get-VMHostStat -Uri $uri -Cpu 0 -Metric cpu.* -WarningAction SilentlyContinue)
        $s.Instance | Sort-Object -Unique | Should -Be '0'
        Get-VMHostStat -Uri $uri -Cpu 999 -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'InvalidArgument' 'GetVMHostStatCommand')
    }
}
