# Many background migrations at once hold no threads while their data moves: Move-VMDomain -AsJob awaits the
# migration, and the test hypervisor's transfer waits on its host's clock, which here moves only when told.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -eq 'LibvirtMigrationJob' | Remove-Job -Force
    Remove-MigHosts
}

Describe 'Fifty Move-VMDomain -AsJob at once' {
    It 'all wait on the source clock with no more busy pool threads than before, then all complete' {
        $count = 50
        $pair = New-MigPair -Name 'j0' -MemoryMiB 256
        for ($i = 1; $i -lt $count; $i++) {
            New-VMDomain -Xml (Get-MigDomainXml "j$i" 256) -Uri $pair.Src -Start -Confirm:$false -ErrorAction Stop | Out-Null
        }
        $clock = New-MigClock $pair
        $max = 0; $available = 0; $ioMax = 0; $ioAvailable = 0
        [Threading.ThreadPool]::GetMaxThreads([ref] $max, [ref] $ioMax)
        [Threading.ThreadPool]::GetAvailableThreads([ref] $available, [ref] $ioAvailable)
        $busyBefore = $max - $available

        # 256 MiB at 128 MiB/s: 2 s of the source's clock each, which does not move yet.
        $jobs = @(0..($count - 1) | ForEach-Object {
            Move-VMDomain -Name "j$_" -Uri $pair.Src -DestinationUri $pair.Dst -Live -Bandwidth 128 -AsJob -Confirm:$false
        })
        $clock.WaitForWaiters($count, [timespan]::FromSeconds(60)) | Should -BeTrue -Because "all $count transfers wait on the clock"
        @($jobs | Where-Object { "$($_.State)" -ne 'Running' }) | Should -BeNullOrEmpty
        [Threading.ThreadPool]::GetAvailableThreads([ref] $available, [ref] $ioAvailable)
        # Blocking jobs would hold at least one pool thread each (two each before the driver surface was async).
        ($max - $available) - $busyBefore | Should -BeLessThan 10

        $clock.Advance([timespan]::FromSeconds(2))
        $null = $jobs | Wait-Job -Timeout 60
        @($jobs | Where-Object { "$($_.State)" -ne 'Completed' }) | Should -BeNullOrEmpty
        @(Get-MigNames $pair.Dst).Count | Should -Be $count
        $jobs | Remove-Job
    }
}
