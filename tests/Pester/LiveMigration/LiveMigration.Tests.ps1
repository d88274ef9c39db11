#requires -Version 7.0
<#
    Live migration of real QEMU guests between the two real libvirt hosts of tests/hosts (issue 5):
    Move-VMDomain (managed, peer-to-peer, offline, flags, parameters that must reach QEMU), progress,
    Get-VMDomainJob / Stop-VMDomainJob / Set-VMDomainMigration, aborts and a destination daemon that dies.

    Needs the hosts' environment (tests/hosts/start.sh STATE; . STATE/hosts.env). Without it the tests are
    skipped, unless LIBVIRT_PS_REQUIRE_HOSTS=1, where they fail.
    Guests: 'tiny' (starts and migrates in about a second) and 'filled' (32 MiB of random data in RAM, so that
    a migration capped at B MiB/s lasts about 32/B seconds). A context reuses the guest the previous one left
    where it needs it, and restarts it otherwise, so contexts also pass on their own.
#>

BeforeDiscovery {
    $script:HostsMissing = -not ($env:LIBVIRT_PS_HOST1_URI -and $env:LIBVIRT_PS_HOST2_URI -and $env:LIBVIRT_PS_TINY_XML -and
        $env:LIBVIRT_PS_FILL_XML -and $env:LIBVIRT_PS_MIGRATE_PORT_BASE -and $env:LIBVIRT_PS_STATE_DIR)
    $script:SkipHosts = $script:HostsMissing -and $env:LIBVIRT_PS_REQUIRE_HOSTS -ne '1'
}

Describe 'Live migration between two real libvirt hosts' -Tag 'Hosts', 'LiveMigration' -Skip:$SkipHosts {
    BeforeAll {
        if (-not ($env:LIBVIRT_PS_HOST1_URI -and $env:LIBVIRT_PS_HOST2_URI -and $env:LIBVIRT_PS_TINY_XML -and
                $env:LIBVIRT_PS_FILL_XML -and $env:LIBVIRT_PS_MIGRATE_PORT_BASE -and $env:LIBVIRT_PS_STATE_DIR)) {
            throw 'The real libvirt test hosts are required (LIBVIRT_PS_REQUIRE_HOSTS=1) but their environment is missing: ' +
            'run tests/hosts/start.sh STATE and source STATE/hosts.env (LIBVIRT_PS_HOST1_URI, LIBVIRT_PS_HOST2_URI, ...).'
        }
        $script:ModulePath = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
        Import-Module $script:ModulePath -Force
        $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
        $script:Uri = @{ 1 = $env:LIBVIRT_PS_HOST1_URI; 2 = $env:LIBVIRT_PS_HOST2_URI }
        $script:Xml = @{ tiny = $env:LIBVIRT_PS_TINY_XML; filled = $env:LIBVIRT_PS_FILL_XML }
        $script:PortBase = [int]$env:LIBVIRT_PS_MIGRATE_PORT_BASE
        $script:PortIndex = 0
        $script:MiB = 1048576
        # Every guest name a test may leave behind (renames included).
        $script:GuestNames = 'tiny', 'tinier', 'filled'

        function script:Invoke-Virsh([int] $On, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments) {
            $out = & virsh -q -c $script:Uri[$On] @Arguments 2>&1
            [pscustomobject]@{ Code = $LASTEXITCODE; Text = ($out | Out-String).Trim() }
        }

        # 'running', 'paused', 'shut off'... or $null when the host has no such domain.
        function script:Get-GuestState([int] $On, [string] $Name) {
            $r = Invoke-Virsh $On domstate $Name
            if ($r.Code -ne 0) { return $null }
            $r.Text
        }

        function script:Test-GuestPersistent([int] $On, [string] $Name) {
            (Invoke-Virsh $On dominfo $Name).Text -match '(?m)^Persistent:\s+yes'
        }

        function script:Get-GuestId([int] $On, [string] $Name) { (Invoke-Virsh $On domid $Name).Text }

        # Names of all domains (any state) on a host.
        function script:Get-GuestNames([int] $On) {
            $r = Invoke-Virsh $On list --all --name
            if ($r.Code -ne 0) { throw "virsh list on host$On failed: $($r.Text)" }
            @($r.Text -split '\s+' | Where-Object { $_ })
        }

        function script:Remove-Guest([string[]] $Name = $script:GuestNames, [int[]] $From = @(1, 2)) {
            foreach ($h in $From) {
                foreach ($n in $Name) {
                    $state = Get-GuestState $h $n
                    if ($null -eq $state) { continue }
                    if ($state -ne 'shut off') { $null = Invoke-Virsh $h destroy $n }
                    if (Test-GuestPersistent $h $n) { $null = Invoke-Virsh $h undefine $n }
                }
            }
        }

        # Makes the guest run on host $On (and exist nowhere else), reusing it when it already does.
        function script:Use-RunningGuest([string] $Name, [int] $On, [switch] $Persistent) {
            $other = 3 - $On
            $here = Get-GuestState $On $Name
            if ($here -eq 'running' -and $null -eq (Get-GuestState $other $Name) -and
                [bool](Test-GuestPersistent $On $Name) -eq $Persistent.IsPresent) { return }
            Remove-Guest
            if ($Persistent) {
                (Invoke-Virsh $On define $script:Xml[$Name]).Code | Should -Be 0
                (Invoke-Virsh $On start $Name).Code | Should -Be 0
            }
            else {
                (Invoke-Virsh $On create $script:Xml[$Name]).Code | Should -Be 0
            }
        }

        # Each migration listens on the next of the ten free loopback ports.
        function script:Get-MigrateUri {
            $port = $script:PortBase + ($script:PortIndex++ % 10)
            "tcp://127.0.0.1:$port"
        }

        # Move-VMDomain's arguments for a live migration of $Name from host $From to the other host.
        function script:New-MoveArgs([string] $Name, [int] $From, [hashtable] $Extra = @{}) {
            $a = @{ Name = $Name; Uri = $script:Uri[$From]; DestinationUri = $script:Uri[3 - $From]; Live = $true
                MigrateUri = (Get-MigrateUri); Confirm = $false; ErrorAction = 'Stop' }
            foreach ($k in $Extra.Keys) { $a[$k] = $Extra[$k] }
            $a
        }

        # Runs Move-VMDomain in its own runspace (its own connections), as another shell would.
        function script:Start-MoveInRunspace([hashtable] $MoveArgs) {
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                    param($module, $moveArgs)
                    $ProgressPreference = 'Continue'
                    Import-Module $module
                    Move-VMDomain @moveArgs
                }).AddArgument($script:ModulePath).AddArgument($MoveArgs)
            [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke(); Watch = [Diagnostics.Stopwatch]::StartNew() }
        }

        # Waits for the runspace; returns the error it ended with (or $null) and the seconds it took.
        function script:Wait-MoveInRunspace($Run, [int] $TimeoutSeconds = 90) {
            $failure = $null
            if (-not $Run.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSeconds))) {
                $Run.PowerShell.Stop()
                throw "Move-VMDomain did not end within $TimeoutSeconds s"
            }
            try { $null = $Run.PowerShell.EndInvoke($Run.Handle) } catch { $failure = $_.Exception }
            $Run.Watch.Stop()
            if (-not $failure -and $Run.PowerShell.Streams.Error.Count) { $failure = $Run.PowerShell.Streams.Error[0].Exception }
            [pscustomobject]@{ Error = $failure; Seconds = $Run.Watch.Elapsed.TotalSeconds; State = $Run.PowerShell.InvocationStateInfo.State }
        }

        # Waits until the source has a migration job that has moved data; returns its statistics.
        function script:Wait-MigrationRunning([int] $On, [string] $Name, [int] $TimeoutSeconds = 60) {
            $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
            while ([DateTime]::UtcNow -lt $deadline) {
                $job = Get-VMDomainJob -Uri $script:Uri[$On] -Name $Name -ErrorAction SilentlyContinue
                if ($job -and $job.Type -ne 'None' -and $job.DataProcessed -gt 0) { return $job }
                Start-Sleep -Milliseconds 100
            }
            throw "No migration job of '$Name' on host$On moved data within $TimeoutSeconds s"
        }

        # The source QEMU's own view of the migration parameters.
        function script:Get-QemuMigrateParameters([int] $On, [string] $Name) {
            $r = Invoke-Virsh $On qemu-monitor-command $Name '{"execute":"query-migrate-parameters"}'
            $r.Code | Should -Be 0 -Because $r.Text
            ($r.Text | ConvertFrom-Json).return
        }

        # The guest keeps running on the source, the destination has nothing, and no job is left.
        function script:Assert-StayedOnSource([string] $Name, [int] $Source, [switch] $DestinationDown) {
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-GuestState $Source $Name) -ne 'running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            Get-GuestState $Source $Name | Should -Be 'running'
            if (-not $DestinationDown) { Get-GuestNames (3 - $Source) | Should -Not -Contain $Name }
            (Get-VMDomainJob -Uri $script:Uri[$Source] -Name $Name).Type | Should -Be 'None'
        }

        foreach ($h in 1, 2) {
            $r = Invoke-Virsh $h version
            if ($r.Code -ne 0) { throw "host$h does not answer at $($script:Uri[$h]) (run tests/hosts/start.sh $env:LIBVIRT_PS_STATE_DIR): $($r.Text)" }
        }
        Remove-Guest
    }

    AfterAll {
        if (-not $HostsMissing) { Remove-Guest }
    }

    Context 'managed and peer-to-peer' {
        BeforeAll { Use-RunningGuest tiny -On 1 }
        AfterAll { Remove-Guest tiny }

        It 'managed migration moves a running guest from host1 to host2' {
            $moveArgs = New-MoveArgs tiny -From 1 -Extra @{ PassThru = $true }
            $moved = Move-VMDomain @moveArgs
            $moved.Name | Should -Be 'tiny'
            $moved.Host | Should -Be $env:LIBVIRT_PS_HOST2_NAME
            $moved.State | Should -Be 'Running'
            Get-GuestState 2 tiny | Should -Be 'running'
            Get-GuestState 1 tiny | Should -BeNullOrEmpty
            (Get-VMDomainJob -Uri $script:Uri[2] -Name tiny).Type | Should -Be 'None'
        }

        It 'peer-to-peer migration moves it back from host2 to host1' {
            Use-RunningGuest tiny -On 2
            $moveArgs = New-MoveArgs tiny -From 2 -Extra @{ PeerToPeer = $true }
            Move-VMDomain @moveArgs
            Get-GuestState 1 tiny | Should -Be 'running'
            Get-GuestState 2 tiny | Should -BeNullOrEmpty
        }
    }

    Context 'flags: PersistDestination, UndefineSource, Paused, DestinationName, Offline' {
        BeforeAll { Use-RunningGuest tiny -On 1 -Persistent }
        AfterAll { Remove-Guest tiny, tinier }

        It 'PersistDestination defines it on host2, the source keeps its definition, and the source reports the completed job' {
            $moveArgs = New-MoveArgs tiny -From 1 -Extra @{ PersistDestination = $true }
            Move-VMDomain @moveArgs
            Get-GuestState 2 tiny | Should -Be 'running'
            Test-GuestPersistent 2 tiny | Should -BeTrue
            Get-GuestState 1 tiny | Should -Be 'shut off'
            Test-GuestPersistent 1 tiny | Should -BeTrue

            $done = Get-VMDomainJob -Uri $script:Uri[1] -Name tiny -Completed
            $done.Type | Should -Be 'Completed'
            $done.Operation | Should -Be 'MigrationOut'
            [int]$done.Operation | Should -Be 5 # libvirt's MIGRATION_OUT
            $done.DataProcessed | Should -BeGreaterThan 0
            $done.DataRemaining | Should -Be 0
            $done.Elapsed | Should -BeGreaterThan ([TimeSpan]::Zero)
            # Reading them does not clear them (VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED): libvirt's client sees them too.
            $again = Get-VMDomainJob -Uri $script:Uri[1] -Name tiny -Completed
            $again.Type | Should -Be 'Completed'
            $again.DataProcessed | Should -Be $done.DataProcessed
            (Invoke-Virsh 1 domjobinfo tiny --completed).Text | Should -Match 'Completed'
        }

        It 'UndefineSource, Paused and DestinationName: host1 gets a paused persistent renamed guest, host2 keeps nothing' {
            Use-RunningGuest tiny -On 2 -Persistent
            Remove-Guest tiny -From 1
            $moveArgs = New-MoveArgs tiny -From 2 -Extra @{ PersistDestination = $true; UndefineSource = $true; Paused = $true; DestinationName = 'tinier' }
            Move-VMDomain @moveArgs
            Get-GuestNames 2 | Should -BeNullOrEmpty
            Get-GuestState 1 tinier | Should -Be 'paused'
            Test-GuestPersistent 1 tinier | Should -BeTrue
            Get-GuestState 1 tiny | Should -BeNullOrEmpty
        }

        It 'Offline moves a shut-off persistent definition' {
            if ($null -eq (Get-GuestState 1 tinier)) { (Invoke-Virsh 1 define $script:Xml.tiny).Code | Should -Be 0; $null = Invoke-Virsh 1 domrename tiny tinier }
            if ((Get-GuestState 1 tinier) -ne 'shut off') { $null = Invoke-Virsh 1 destroy tinier }
            Remove-Guest -From 2
            Move-VMDomain -Name tinier -Uri $script:Uri[1] -DestinationUri $script:Uri[2] -Offline -PersistDestination -UndefineSource -Confirm:$false -ErrorAction Stop
            Get-GuestState 2 tinier | Should -Be 'shut off'
            Test-GuestPersistent 2 tinier | Should -BeTrue
            Get-GuestState 1 tinier | Should -BeNullOrEmpty
        }
    }

    Context 'migration parameters reach QEMU' {
        BeforeAll { Use-RunningGuest filled -On 1 }

        It 'compression level and bandwidth show in the source QEMU during an -AsJob migration; a faster bandwidth finishes sooner' {
            $level = 3
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $moveArgs = New-MoveArgs filled -From 1 -Extra @{ AsJob = $true; Compressed = $true; Compression = 'mt'; CompressionMtLevel = $level; Bandwidth = 8 }
            $job = Move-VMDomain @moveArgs
            try {
                $job.PSJobTypeName | Should -Be 'LibvirtMigrationJob'
                $null = Wait-MigrationRunning 1 filled
                $qemu = Get-QemuMigrateParameters 1 filled
                $qemu.'compress-level' | Should -Be $level
                $qemu.'max-bandwidth' | Should -Be (8 * $script:MiB)
                $null = Wait-Job $job -Timeout 90
                $watch.Stop()
                $job.State | Should -Be 'Completed' -Because ($job.ChildJobs.Error + $job.Error | Out-String)
            }
            finally { Remove-Job $job -Force }
            $slow = $watch.Elapsed.TotalSeconds
            Get-GuestState 2 filled | Should -Be 'running'

            # Back at four times the bandwidth, same compression.
            $watch.Restart()
            $moveArgs = New-MoveArgs filled -From 2 -Extra @{ Compressed = $true; Compression = 'mt'; CompressionMtLevel = $level; Bandwidth = 32 }
            Move-VMDomain @moveArgs
            $fast = $watch.Elapsed.TotalSeconds
            Get-GuestState 1 filled | Should -Be 'running'
            Write-Host ("      8 MiB/s: {0:N1} s, 32 MiB/s: {1:N1} s" -f $slow, $fast)
            $slow / $fast | Should -BeGreaterThan 1.4
        }
    }

    Context 'progress and tuning a running migration' {
        BeforeAll { Use-RunningGuest filled -On 1 }

        It 'writes progress with rising percentages; Set-VMDomainMigration -MaxBandwidthMiBps speeds it up (and sets -MaxDowntimeMs)' {
            # 32 MiB at 2 MiB/s would take 16 s.
            $run = Start-MoveInRunspace (New-MoveArgs filled -From 1 -Extra @{ Bandwidth = 2 })
            try {
                $null = Wait-MigrationRunning 1 filled
                (Get-QemuMigrateParameters 1 filled).'max-bandwidth' | Should -Be (2 * $script:MiB)
                # Let a few progress records come at the slow speed.
                $deadline = [DateTime]::UtcNow.AddSeconds(20)
                while (@($run.PowerShell.Streams.Progress | Where-Object PercentComplete -gt 0 | Select-Object -ExpandProperty PercentComplete -Unique).Count -lt 2 -and
                    [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                $before = Get-VMDomainJob -Uri $script:Uri[1] -Name filled
                Set-VMDomainMigration -Uri $script:Uri[1] -Name filled -MaxBandwidthMiBps 64 -MaxDowntimeMs 1234 -Confirm:$false -ErrorAction Stop
                $qemu = Get-QemuMigrateParameters 1 filled
                $qemu.'max-bandwidth' | Should -Be (64 * $script:MiB)
                $qemu.'downtime-limit' | Should -Be 1234
            }
            finally { $result = Wait-MoveInRunspace $run }
            $result.Error | Should -BeNullOrEmpty
            Get-GuestState 2 filled | Should -Be 'running'
            # At 2 MiB/s the 32 MiB of random data alone would need 16 s; raised to 64 MiB/s it ends far sooner.
            $slowSeconds = (Get-Item $env:LIBVIRT_PS_FILL_BIN).Length / (2 * $script:MiB)
            Write-Host ("      whole migration {0:N1} s (switched after {1:N1} s; random data alone needs {2:N0} s at 2 MiB/s)" -f $result.Seconds, $before.Elapsed.TotalSeconds, $slowSeconds)
            $result.Seconds | Should -BeLessThan ($slowSeconds * 0.75)

            $progress = @($run.PowerShell.Streams.Progress)
            $run.PowerShell.Dispose()
            $progress.Count | Should -BeGreaterThan 2
            $progress[-1].RecordType | Should -Be 'Completed'
            $percents = @($progress | Where-Object { $_.RecordType -eq 'Processing' -and $_.PercentComplete -gt 0 } | ForEach-Object PercentComplete)
            $percents.Count | Should -BeGreaterOrEqual 2
            for ($i = 1; $i -lt $percents.Count; $i++) { $percents[$i] | Should -BeGreaterOrEqual $percents[$i - 1] }
            $percents[-1] | Should -BeGreaterThan $percents[0]
            ($progress | Where-Object PercentComplete -gt 0 | Select-Object -First 1).StatusDescription | Should -Match 'MiB/s.*left.*iteration'
        }
    }

    Context 'switching a running migration to post-copy' {
        BeforeAll { Use-RunningGuest filled -On 1 }

        It 'Set-VMDomainMigration -StartPostcopy switches a -Postcopy migration and it completes on host2' {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $moveArgs = New-MoveArgs filled -From 1 -Extra @{ Postcopy = $true; Bandwidth = 2; AsJob = $true }
            $job = Move-VMDomain @moveArgs
            try {
                $null = Wait-MigrationRunning 1 filled
                Set-VMDomainMigration -Uri $script:Uri[1] -Name filled -StartPostcopy -Confirm:$false -ErrorAction Stop
                # In post-copy the source is paused for good and the destination runs the guest.
                $seen = $null
                $deadline = [DateTime]::UtcNow.AddSeconds(10)
                while ($job.State -eq 'Running' -and [DateTime]::UtcNow -lt $deadline -and $seen -notmatch 'post-copy') {
                    $seen = (Invoke-Virsh 1 domstate filled --reason).Text
                    Start-Sleep -Milliseconds 50
                }
                $null = Wait-Job $job -Timeout 90
                $watch.Stop()
                $job.State | Should -Be 'Completed' -Because ($job.Error | Out-String)
            }
            finally { Remove-Job $job -Force }
            $seen | Should -Match 'post-copy'
            Get-GuestState 2 filled | Should -Be 'running'
            Get-GuestState 1 filled | Should -BeNullOrEmpty
            $slowSeconds = (Get-Item $env:LIBVIRT_PS_FILL_BIN).Length / (2 * $script:MiB)
            $watch.Elapsed.TotalSeconds | Should -BeLessThan ($slowSeconds * 0.75)
        }
    }

    Context 'aborting part-way: the guest keeps running on the source' {
        BeforeEach { Use-RunningGuest filled -On 1 }

        It 'Stop-VMDomainJob from another runspace and connection' {
            $run = Start-MoveInRunspace (New-MoveArgs filled -From 1 -Extra @{ Bandwidth = 4 })
            try {
                $null = Wait-MigrationRunning 1 filled
                Stop-VMDomainJob -Uri $script:Uri[1] -Name filled -Confirm:$false -ErrorAction Stop
            }
            finally { $result = Wait-MoveInRunspace $run; $run.PowerShell.Dispose() }
            $result.Error | Should -Not -BeNullOrEmpty
            $result.Error.Message | Should -Match 'cancel|abort'
            Assert-StayedOnSource filled -Source 1
        }

        It 'Ctrl+C (stopping the pipeline)' {
            $run = Start-MoveInRunspace (New-MoveArgs filled -From 1 -Extra @{ Bandwidth = 4 })
            try {
                $null = Wait-MigrationRunning 1 filled
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $run.PowerShell.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 8 # sooner than the migration would have ended
            }
            finally { $result = Wait-MoveInRunspace $run; $run.PowerShell.Dispose() }
            $result.State | Should -Be 'Stopped'
            Assert-StayedOnSource filled -Source 1
        }

        It 'Stop-Job on an -AsJob migration' {
            $moveArgs = New-MoveArgs filled -From 1 -Extra @{ Bandwidth = 4; AsJob = $true }
            $job = Move-VMDomain @moveArgs
            try {
                $null = Wait-MigrationRunning 1 filled
                Stop-Job $job
                $job.State | Should -Be 'Stopped'
            }
            finally { Remove-Job $job -Force }
            Assert-StayedOnSource filled -Source 1
        }
    }

    Context 'refused before anything moves' {
        BeforeAll {
            Use-RunningGuest tiny -On 1
            $script:TinyId = Get-GuestId 1 tiny
        }
        AfterAll { Remove-Guest tiny }

        It 'refuses <What>' -TestCases @(
            @{ What = 'an unknown compression method'; Extra = @{ Compressed = $true; Compression = 'lz77' }; Expect = 'does not belong to the set' }
            @{ What = 'a compression level out of range'; Extra = @{ Compressed = $true; Compression = 'mt'; CompressionMtLevel = 12 }; Expect = 'maximum allowed range of 9' }
            @{ What = 'a compression level without mt compression'; Extra = @{ CompressionMtLevel = 5 }; Expect = 'Turn multithread compression on' }
            @{ What = 'a negative bandwidth'; Extra = @{ Bandwidth = -1 }; Expect = 'Bandwidth' }
            @{ What = 'an unknown -Parameter key'; Extra = @{ Parameter = @{ 'no.such.key' = 1 } }; Expect = "unknown migration parameter 'no.such.key'" }
            @{ What = 'Offline without PersistDestination'; Extra = @{ Offline = $true }; Expect = 'offline migration must be specified with the persistent flag' }
            @{ What = 'Tunnelled without PeerToPeer'; Extra = @{ Tunnelled = $true; MigrateUri = $null }; Expect = 'PEER2PEER|peer-to-peer' }
            @{ What = 'Tunnelled with a migrate URI'; Extra = @{ Tunnelled = $true; PeerToPeer = $true }; Expect = 'migration URI is not supported by tunnelled migration' }
            @{ What = 'full and incremental disk copy together'; Extra = @{ NonSharedDisk = $true; NonSharedIncremental = $true }; Expect = 'mutually exclusive' }
            @{ What = 'the source host as destination'; Extra = @{ DestinationUri = $env:LIBVIRT_PS_HOST1_URI }; Expect = 'is the host the domain is on' }
            @{ What = 'a migrate URI without a scheme (refused by the daemons)'; Extra = @{ MigrateUri = 'bogus' }; Expect = '^invalid argument: missing scheme in migration URI' }
        ) {
            param($What, $Extra, $Expect)
            $moveArgs = New-MoveArgs tiny -From 1 -Extra $Extra
            foreach ($k in @($moveArgs.Keys)) { if ($null -eq $moveArgs[$k]) { $moveArgs.Remove($k) } }
            $err = $null
            try { Move-VMDomain @moveArgs } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.Exception.Message | Should -Match $Expect
            Get-GuestNames 2 | Should -BeNullOrEmpty
            Get-GuestState 1 tiny | Should -Be 'running'
            Get-GuestId 1 tiny | Should -Be $script:TinyId
            (Get-VMDomainJob -Uri $script:Uri[1] -Name tiny).Type | Should -Be 'None'
        }
    }

    Context 'the destination daemon dies mid-migration' {
        BeforeAll { Use-RunningGuest filled -On 1 }
        AfterAll {
            # A restarted host starts empty; start.sh also kills the QEMU the dead daemon left.
            & bash (Join-Path $script:Repo 'tests/hosts/start.sh') $env:LIBVIRT_PS_STATE_DIR *> $null
        }

        It 'fails with a clear error and the guest still runs on the source' {
            $run = Start-MoveInRunspace (New-MoveArgs filled -From 1 -Extra @{ Bandwidth = 4 })
            try {
                $null = Wait-MigrationRunning 1 filled
                $daemon = [int](Get-Content (Join-Path $env:LIBVIRT_PS_STATE_DIR 'host2/libvirtd.pid'))
                & kill -9 $daemon
            }
            finally { $result = Wait-MoveInRunspace $run; $run.PowerShell.Dispose() }
            $result.Error | Should -Not -BeNullOrEmpty
            Write-Host "      error: $($result.Error.Message)"
            $result.Error.Message | Should -Match "Finish on the destination .*host2.* failed, so the migration of domain 'filled' is cancelled and the source keeps it: .*closed the connection"
            Assert-StayedOnSource filled -Source 1 -DestinationDown

            # host2 comes back (empty) for whatever runs next, and the source has no job left.
            & bash (Join-Path $script:Repo 'tests/hosts/start.sh') $env:LIBVIRT_PS_STATE_DIR *> $null
            $LASTEXITCODE | Should -Be 0
            Get-GuestNames 2 | Should -BeNullOrEmpty
        }
    }
}
