# Long migrations (the test driver simulates 256 MiB at the -Bandwidth): progress, job statistics, -AsJob,
# abort by Stop-Job, Stop-VMDomainJob and Ctrl+C, live tuning.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Wait-MigJobRunning($Pair) {
        Wait-MigCondition -Because 'the migration job to start moving data' -Condition {
            $j = Get-VMDomainJob -Name $Pair.Name -Uri $Pair.Src -ErrorAction SilentlyContinue
            $j -and "$($j.Type)" -ne 'None' -and $j.DataProcessed -gt 0
        }
    }

    # Starts Move-VMDomain in a fresh PowerShell instance; returns @{ PS; Async }.
    function Start-MigInShell($Pair, [string] $Arguments) {
        $ps = New-MigShell
        $null = $ps.AddScript("Move-VMDomain -Name '$($Pair.Name)' -Uri '$($Pair.Src)' -DestinationUri '$($Pair.Dst)' -Confirm:`$false $Arguments")
        [pscustomobject]@{ PS = $ps; Async = $ps.BeginInvoke() }
    }

    function Close-MigShell($Shell) { $Shell.PS.Runspace.Dispose(); $Shell.PS.Dispose() }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -eq 'LibvirtMigrationJob' | Remove-Job -Force
    Remove-MigHosts
}

Describe 'Progress' {
    It 'a 2 s migration writes rising progress records and a final Completed record' {
        $pair = New-MigPair -MemoryMiB 256
        $ps = New-MigShell
        try {
            $null = $ps.AddScript("Move-VMDomain -Name '$($pair.Name)' -Uri '$($pair.Src)' -DestinationUri '$($pair.Dst)' -Live -Bandwidth 128 -Confirm:`$false")
            $null = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $records = @($ps.Streams.Progress)
        } finally { $ps.Runspace.Dispose(); $ps.Dispose() }
        # The job's own clock, not a stopwatch around the command: it cannot have finished sooner than this.
        $done = Get-VMDomainJob -Name $pair.Name -Uri $pair.Src -Completed
        $done.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.99 -Because '256 MiB at 128 MiB/s takes 2 s of the host''s clock'
        $records.Count | Should -BeGreaterOrEqual 4
        $records[0].Activity | Should -BeLike "Migrating domain 'vm1' to $($pair.Dst)"
        @($records.ActivityId | Select-Object -Unique).Count | Should -Be 1
        $running = @($records | Where-Object { $_.RecordType -eq 'Processing' -and $_.PercentComplete -gt 0 })
        $running.Count | Should -BeGreaterOrEqual 2
        $percents = @($running.PercentComplete)
        for ($i = 1; $i -lt $percents.Count; $i++) { $percents[$i] | Should -BeGreaterOrEqual $percents[$i - 1] }
        $percents[-1] | Should -BeGreaterThan $percents[0] -Because 'the percentage rises'
        $running[0].StatusDescription | Should -BeLike '*of 256.0 MiB at *MiB/s*'
        $records[-1].RecordType | Should -Be 'Completed'
        $records[-1].PercentComplete | Should -Be 100
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
    }
}

Describe 'Move-VMDomain -AsJob' {
    It 'returns a LibvirtMigrationJob that completes; Receive-Job gives the -PassThru domain' {
        $pair = New-MigPair
        $j = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -PassThru -AsJob -Confirm:$false
        $j | Should -BeOfType ([System.Management.Automation.Job])
        $j.PSJobTypeName | Should -Be 'LibvirtMigrationJob'
        (Get-Job -Id $j.Id) | Should -Not -BeNullOrEmpty -Because 'the job is in the job repository'
        $d = Receive-Job $j -Wait
        "$($j.State)" | Should -Be 'Completed'
        $d.Name | Should -Be $pair.Name
        $d.Uri | Should -Be $pair.Dst
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        Remove-Job $j
    }

    It 'the job''s Progress stream holds distinct, rising records' {
        $pair = New-MigPair -MemoryMiB 256
        $j = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Bandwidth 256 -AsJob -Confirm:$false
        $null = Wait-Job $j -Timeout 20
        "$($j.State)" | Should -Be 'Completed'
        $records = @($j.Progress)
        $records.Count | Should -BeGreaterOrEqual 3
        $mid = @($records | Where-Object { $_.RecordType -eq 'Processing' -and $_.PercentComplete -gt 0 -and $_.PercentComplete -lt 100 })
        $mid.Count | Should -BeGreaterOrEqual 1 -Because 'a 1 s migration is polled at least once part-way'
        $records[-1].RecordType | Should -Be 'Completed'
        Remove-Job $j
    }

    It 'a refused migration makes a Failed job with the engine''s error' {
        $pair = New-MigPair
        New-VMDomain -Xml (Get-MigDomainXml $pair.Name) -Uri $pair.Dst -Confirm:$false | Out-Null
        $j = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -AsJob -Confirm:$false
        $null = Wait-Job $j -Timeout 20
        "$($j.State)" | Should -Be 'Failed'
        $e = $j.Error[0]
        $e.FullyQualifiedErrorId | Should -Be 'OperationFailed,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        $e.Exception.Message | Should -BeLike '*already exists*'
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
        Remove-Job $j
    }

    It 'Stop-Job part-way aborts: job Stopped, domain running on the source, nothing on the destination, no job left' {
        $pair = New-MigPair -MemoryMiB 256
        $j = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Bandwidth 64 -PassThru -AsJob -Confirm:$false
        Wait-MigJobRunning $pair
        Stop-Job $j
        "$($j.State)" | Should -Be 'Stopped'
        @(Receive-Job $j -ErrorAction SilentlyContinue | Where-Object { $_ -is [Libvirt.Engine.Model.VMDomain] }) | Should -BeNullOrEmpty
        Assert-MigUntouched $pair
        $done = Get-VMDomainJob -Name $pair.Name -Uri $pair.Src -Completed
        "$($done.Type)" | Should -Be 'Cancelled'
        $done.Success | Should -BeFalse
        Remove-Job $j
    }

    It 'Stop-VMDomainJob aborts an -AsJob migration: the job fails with OperationAborted' {
        $pair = New-MigPair -MemoryMiB 256
        $j = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Bandwidth 64 -AsJob -Confirm:$false
        Wait-MigJobRunning $pair
        Stop-VMDomainJob -Name $pair.Name -Uri $pair.Src -Confirm:$false
        $null = Wait-Job $j -Timeout 20
        "$($j.State)" | Should -Be 'Failed'
        $j.Error[0].FullyQualifiedErrorId | Should -Be 'OperationAborted,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        "$($j.Error[0].CategoryInfo.Category)" | Should -Be 'OperationStopped'
        Assert-MigUntouched $pair
        Remove-Job $j
    }
}

Describe 'Job statistics, abort and tuning while a synchronous migration runs' {
    It 'Get-VMDomainJob shows DataProcessed growing; -Completed afterwards shows Completed/Success' {
        $pair = New-MigPair -MemoryMiB 256
        $clock = New-MigClock $pair
        $shell = Start-MigInShell $pair '-Live -Bandwidth 128'
        try {
            Step-MigClock $clock 0.5
            $a = Get-VMDomainJob -Name $pair.Name -Uri $pair.Src
            Step-MigClock $clock 0.5
            $b = Get-VMDomainJob -Name $pair.Name -Uri $pair.Src
            "$($a.Type)" | Should -Be 'Unbounded'
            $a.DataTotal | Should -Be (256MB)
            $b.DataTotal | Should -Be (256MB)
            # 128 MiB/s for 0.5 s, then for 1 s of the host's clock.
            $a.DataProcessed | Should -Be (64MB)
            $b.DataProcessed | Should -Be (128MB)
            $b.DataRemaining | Should -Be ($b.DataTotal - $b.DataProcessed)
            ($b.Elapsed - $a.Elapsed) | Should -Be ([timespan]::FromMilliseconds(500))
            Step-MigClock $clock 1 -Last
            $null = $shell.PS.EndInvoke($shell.Async)
            $shell.PS.HadErrors | Should -BeFalse
        } finally { Close-MigShell $shell }
        (Get-VMDomainJob -Name $pair.Name -Uri $pair.Src).Type | Should -Be 'None'
        $done = Get-VMDomainJob -Name $pair.Name -Uri $pair.Src -Completed
        "$($done.Type)" | Should -Be 'Completed'
        $done.Success | Should -BeTrue
        $done.DataProcessed | Should -Be (256MB)
    }

    It 'Stop-VMDomainJob from another runspace aborts it with OperationAborted; the domain stays on the source' {
        $pair = New-MigPair -MemoryMiB 256
        $shell = Start-MigInShell $pair '-Live -Bandwidth 64 -PassThru'
        try {
            Wait-MigJobRunning $pair
            Stop-VMDomainJob -Name $pair.Name -Uri $pair.Src -Confirm:$false
            $out = $shell.PS.EndInvoke($shell.Async)
            @($out) | Should -BeNullOrEmpty
            $e = $shell.PS.Streams.Error[0]
            $e.FullyQualifiedErrorId | Should -Be 'OperationAborted,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
            "$($e.CategoryInfo.Category)" | Should -Be 'OperationStopped'
        } finally { Close-MigShell $shell }
        Assert-MigUntouched $pair
    }

    It 'Stop-VMDomainJob with no job running is an error' {
        $pair = New-MigPair
        { Stop-VMDomainJob -Name $pair.Name -Uri $pair.Src -Confirm:$false -ErrorAction Stop } | Should -Throw '*no job*'
    }

    It 'Set-VMDomainMigration -MaxBandwidthMiBps during a slow migration makes it finish sooner' {
        $pair = New-MigPair -MemoryMiB 256
        $clock = New-MigClock $pair
        $shell = Start-MigInShell $pair '-Live -Bandwidth 16'   # 16 s of the host's clock at this bandwidth
        try {
            Step-MigClock $clock 1
            (Get-VMDomainJob -Name $pair.Name -Uri $pair.Src).DataProcessed | Should -Be (16MB)
            Set-VMDomainMigration -Name $pair.Name -Uri $pair.Src -MaxBandwidthMiBps 2048 -Confirm:$false
            Step-MigClock $clock 1 -Last   # 2 GiB/s: the 240 MiB left move within that second
            $null = $shell.PS.EndInvoke($shell.Async)
            $shell.PS.HadErrors | Should -BeFalse
        } finally { Close-MigShell $shell }
        (Get-VMDomainJob -Name $pair.Name -Uri $pair.Src -Completed).Elapsed | Should -Be ([timespan]::FromSeconds(2))
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
    }

    It 'Ctrl+C (PowerShell.Stop) part-way aborts it; the domain stays on the source' {
        $pair = New-MigPair -MemoryMiB 256
        $shell = Start-MigInShell $pair '-Live -Bandwidth 64'
        try {
            Wait-MigJobRunning $pair
            $shell.PS.Stop()
            $err = { $shell.PS.EndInvoke($shell.Async) } | Should -Throw -PassThru
            $err.Exception.GetBaseException() | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
            "$($shell.PS.InvocationStateInfo.State)" | Should -Be 'Stopped'
        } finally { Close-MigShell $shell }
        Assert-MigUntouched $pair
    }

    It 'Ctrl+C of a peer-to-peer migration leaves the domain on the source too' {
        $pair = New-MigPair -MemoryMiB 256
        $shell = Start-MigInShell $pair '-Live -PeerToPeer -Bandwidth 64'
        try {
            Wait-MigJobRunning $pair
            $shell.PS.Stop()
        } finally { Close-MigShell $shell }
        Assert-MigUntouched $pair
    }
}
