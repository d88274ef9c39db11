# The foundation cmdlets against real libvirtd 9.0 daemons, through the remote driver (issue 4).
# virsh is the independent oracle. Needs the hosts of tests/hosts/start.sh (build.ps1 Test starts them).

BeforeDiscovery {
    $script:HostsReady = [bool]$env:LIBVIRT_PS_HOST1_SOCK
    # Each real-host suite runs against every libvirt version the hosts offer: host1 has Debian 12's 9.0,
    # host3 Debian 13's 11.3 (required where the hosts are, so a missing host3 fails instead of shrinking the run).
    $script:Versions = @(@{ N = 1; Version = 'libvirt 9.0' })
    if ($env:LIBVIRT_PS_HOST3_URI -or $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') { $script:Versions += @{ N = 3; Version = 'libvirt 11.3' } }
}

BeforeAll {
    $module = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
    Import-Module $module -Force
    if (-not $env:LIBVIRT_PS_HOST1_SOCK -and $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') {
        throw 'LIBVIRT_PS_REQUIRE_HOSTS=1 but the real libvirt hosts are not running (LIBVIRT_PS_HOST1_SOCK is unset).'
    }
    function Invoke-Virsh([string] $Uri, [string[]] $Arguments) {
        $out = & virsh -c $Uri @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "virsh $Arguments failed: $out" }
        ($out | Out-String).Trim()
    }
    # Map virsh's state words onto the module's DomainState names.
    $script:VirshState = @{ 'running' = 'Running'; 'paused' = 'Paused'; 'shut off' = 'ShutOff'; 'idle' = 'Blocked'; 'in shutdown' = 'ShuttingDown'; 'crashed' = 'Crashed'; 'pmsuspended' = 'PMSuspended' }
}

Describe 'Cmdlets on the daemon''s test driver (<Version>)' -Skip:(-not $HostsReady) -ForEach $Versions {
    BeforeAll {
        if (-not [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST${N}_TEST_URI")) { throw "host$N is not running (LIBVIRT_PS_HOST${N}_TEST_URI is unset): see tests/hosts/debian13-root.sh" }
        Disconnect-VMHost
        # The daemon's test:///default lives while a connection is open: keep one open for the whole file.
        $script:TestUri = [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST${N}_TEST_URI")
        $script:Conn = Connect-VMHost -Uri $TestUri
    }
    AfterAll { Disconnect-VMHost }

    It 'connects through the unix socket and reports the daemon''s host' {
        $Conn.IsOpen | Should -BeTrue
        $Conn.Transport | Should -Be 'Unix'
        $h = Get-VMHost -Connection $Conn
        $h.HypervisorType | Should -Be 'TEST'
        # The daemon's version, as virsh reads it (its own library may be older than the daemon).
        $h.LibvirtVersion | Should -Be ([version](((Invoke-Virsh $TestUri 'version', '--daemon') -split "`n" | Where-Object { $_ -match 'Running against daemon' }) -replace '.*daemon:\s+', ''))
        $h.Cpus | Should -Be 16
    }

    It 'lists the test driver''s default domain as virsh does' {
        $d = Get-VMDomain -Connection $Conn -Name test
        $d.State | Should -Be 'Running'
        $d.Uuid | Should -Be ([guid](Invoke-Virsh $TestUri 'domuuid', 'test'))
        $d.Id | Should -Be ([int](Invoke-Virsh $TestUri 'domid', 'test'))
        $d.VCpus | Should -Be 2
        $d.Host | Should -Not -BeNullOrEmpty
        $d.Uri | Should -Be $TestUri
    }

    It 'filters by -Id, -Uuid and -State' {
        $d = Get-VMDomain -Connection $Conn -Name test
        (Get-VMDomain -Connection $Conn -Id $d.Id).Name | Should -Be 'test'
        (Get-VMDomain -Connection $Conn -Uuid $d.Uuid).Name | Should -Be 'test'
        (Get-VMDomain -Connection $Conn -State Running).Name | Should -Contain 'test'
        Get-VMDomain -Connection $Conn -State ShutOff | Where-Object Name -eq 'test' | Should -BeNullOrEmpty
    }

    It 'walks a domain through its lifecycle, and virsh agrees after each step' {
        $xml = "<domain type='test'><name>lifecycle1</name><memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>"
        $d = New-VMDomain -Connection $Conn -Xml $xml
        $d.State | Should -Be 'ShutOff'
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'shut off'

        Start-VMDomain -Connection $Conn -Name lifecycle1 -PassThru | ForEach-Object State | Should -Be 'Running'
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'running'

        Get-VMDomain -Connection $Conn lifecycle1 | Suspend-VMDomain
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'paused'
        Get-VMDomain -Connection $Conn lifecycle1 | Resume-VMDomain
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'running'

        Restart-VMDomain -Connection $Conn -Name lifecycle1 -Confirm:$false
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'running'

        Stop-VMDomain -Connection $Conn -Name lifecycle1 -Wait -TimeoutSec 30 -Confirm:$false
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'shut off'

        Start-VMDomain -Connection $Conn -Name lifecycle1
        Stop-VMDomain -Connection $Conn -Name lifecycle1 -TurnOff -Force
        Invoke-Virsh $TestUri 'domstate', 'lifecycle1' | Should -Be 'shut off'

        (Get-VMDomainXml -Connection $Conn -Name lifecycle1 -Inactive) | Should -Match '<name>lifecycle1</name>'

        Remove-VMDomain -Connection $Conn -Name lifecycle1 -Confirm:$false
        & virsh -c $TestUri domstate lifecycle1 2>&1 | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        Get-VMDomain -Connection $Conn -Name lifecycle1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'turns a daemon error into a PowerShell error with libvirt''s code' {
        $xml = "<domain type='test'><name>errdemo</name><memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>"
        New-VMDomain -Connection $Conn -Xml $xml | Out-Null
        try {
            $err = $null
            # libvirt's test driver: "internal error: domain 'errdemo' not paused" (code 1, domain Test).
            Resume-VMDomain -Connection $Conn -Name errdemo -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'InternalError,Libvirt.PowerShell.Commands.ResumeVMDomainCommand'
            $err[0].CategoryInfo.Category | Should -Be 'NotSpecified'
            $err[0].Exception.Code | Should -Be 'InternalError'
            [int]$err[0].Exception.Code | Should -Be 1
            $err[0].Exception.Domain | Should -Be 'Test'
            Invoke-Virsh $TestUri 'domstate', 'errdemo' | Should -Be 'shut off'
        }
        finally { Remove-VMDomain -Connection $Conn -Name errdemo -Force }
    }

    It 'is idempotent where Hyper-V is: the daemon refuses, the cmdlet checks the state and only warns' {
        Start-VMDomain -Connection $Conn -Name test -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        $err.Count | Should -Be 0
        "$warn" | Should -Be "Domain 'test' is already running."
        Invoke-Virsh $TestUri 'domstate', 'test' | Should -Be 'running'
    }

    It 'reports a missing domain as ObjectNotFound' {
        $err = $null
        Get-VMDomain -Connection $Conn -Name 'no-such-domain' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.GetVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'completes domain names from the daemon' {
        $line = "Get-VMDomain -Uri '$TestUri' -Name te"
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain 'test'
    }
}

Describe 'Get-VMDomain over 1,000 domains' -Skip:(-not $HostsReady) {
    BeforeAll {
        Disconnect-VMHost
        $script:ManyUri = $env:LIBVIRT_PS_MANY_URI
        $script:Conn = Connect-VMHost -Uri $ManyUri
        $script:All = @(Get-VMDomain -Connection $Conn)
    }
    AfterAll { Disconnect-VMHost }

    It 'returns every domain' {
        $All.Count | Should -Be ([int]$env:LIBVIRT_PS_MANY_COUNT)
    }

    It 'agrees with virsh on names, ids and states of all of them' {
        $virsh = & virsh -c $ManyUri list --all | Select-Object -Skip 2 | Where-Object { $_.Trim() }
        $expected = @{}
        foreach ($line in $virsh) {
            $parts = $line.Trim() -split '\s{2,}|\s+(?=\S+$)', 3
            $f = $line.Trim() -split '\s+', 3
            $expected[$f[1]] = [pscustomobject]@{ Id = $f[0]; State = $VirshState[$f[2]] }
        }
        $expected.Count | Should -Be $All.Count
        foreach ($d in $All) {
            $e = $expected[$d.Name]
            $e | Should -Not -BeNullOrEmpty -Because $d.Name
            "$($d.State)" | Should -Be $e.State -Because $d.Name
            if ($e.Id -eq '-') { $d.Id | Should -BeNullOrEmpty -Because $d.Name } else { $d.Id | Should -Be ([int]$e.Id) -Because $d.Name }
        }
    }

    It 'agrees with virsh on vcpus and memory (sampled)' {
        foreach ($d in $All | Get-Random -Count 20 -SetSeed 7) {
            $info = Invoke-Virsh $ManyUri 'dominfo', $d.Name
            $vcpus = [int](($info -split "`n" | Where-Object { $_ -match '^CPU\(s\):' }) -replace '\D', '')
            $maxKiB = [long](($info -split "`n" | Where-Object { $_ -match '^Max memory:' }) -replace '\D', '')
            $d.VCpus | Should -Be $vcpus -Because $d.Name
            $d.MaxMemoryMB | Should -Be ([long]($maxKiB / 1024)) -Because $d.Name
        }
    }

    It 'filters by state on the host''s list' {
        @(Get-VMDomain -Connection $Conn -State Paused).Count | Should -Be 100
        @(Get-VMDomain -Connection $Conn -Name 'many00*').Count | Should -Be 99
    }
}

Describe 'Cmdlets on the daemon''s QEMU driver with a real guest (<Version>)' -Skip:(-not $HostsReady) -ForEach $Versions {
    BeforeAll {
        if (-not [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST${N}_URI")) { throw "host$N is not running (LIBVIRT_PS_HOST${N}_URI is unset): see tests/hosts/debian13-root.sh" }
        Disconnect-VMHost
        $script:QemuUri = [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST${N}_URI")
        $script:Conn = Connect-VMHost -Uri $QemuUri
        $script:GuestName = 'pester-tiny'
        $xml = (Get-Content $env:LIBVIRT_PS_TINY_XML -Raw) -replace '<name>[^<]*</name>', "<name>$GuestName</name>"
        $script:GuestXml = $xml
    }
    AfterAll {
        & virsh -c $QemuUri destroy $GuestName 2>&1 | Out-Null
        & virsh -c $QemuUri undefine $GuestName 2>&1 | Out-Null
        Disconnect-VMHost
    }

    It 'reports the QEMU host' {
        $h = Get-VMHost -Connection $Conn
        $h.HypervisorType | Should -Be 'QEMU'
        $h.Hostname | Should -Be "host$N"
        $h.MemoryMB | Should -BeGreaterThan 0
    }

    It 'defines, starts, pauses, resumes and powers off a TCG guest; virsh agrees' {
        $d = New-VMDomain -Connection $Conn -Xml $GuestXml -Start
        $d.State | Should -Be 'Running'
        $d.Id | Should -BeGreaterThan 0
        Invoke-Virsh $QemuUri 'domstate', $GuestName | Should -Be 'running'
        $d.MaxMemoryMB | Should -Be 64

        Suspend-VMDomain -Connection $Conn -Name $GuestName
        Invoke-Virsh $QemuUri 'domstate', $GuestName | Should -Be 'paused'
        (Get-VMDomain -Connection $Conn -Name $GuestName).State | Should -Be 'Paused'
        Resume-VMDomain -Connection $Conn -Name $GuestName
        Invoke-Virsh $QemuUri 'domstate', $GuestName | Should -Be 'running'

        (Get-VMDomainXml -Connection $Conn -Name $GuestName) | Should -Match "<domain type=.qemu. id=.$($d.Id)."

        Stop-VMDomain -Connection $Conn -Name $GuestName -TurnOff -Force
        Invoke-Virsh $QemuUri 'domstate', $GuestName | Should -Be 'shut off'
        (Get-VMDomain -Connection $Conn -Name $GuestName).Id | Should -BeNullOrEmpty

        Remove-VMDomain -Connection $Conn -Name $GuestName -Confirm:$false
        Get-VMDomain -Connection $Conn -Name $GuestName -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Restart-VMDomain -Force resets the guest (same QEMU process); Stop-VMDomain -Wait reports progress and times out when the guest ignores the shutdown' {
        $d = New-VMDomain -Connection $Conn -Xml $GuestXml -Start
        try {
            $pidFile = Join-Path $env:LIBVIRT_PS_STATE_DIR "host$N/run/qemu/$GuestName.pid"
            $qemuPid = Get-Content $pidFile
            $r = Restart-VMDomain -Connection $Conn -Name $GuestName -Force -PassThru
            $r.State | Should -Be 'Running'
            $r.Id | Should -Be $d.Id
            Invoke-Virsh $QemuUri 'domstate', $GuestName | Should -Be 'running'
            Get-Content $pidFile | Should -Be $qemuPid

            # The tiny guest has no operating system to act on ACPI power button presses. Progress is read from a
            # PowerShell instance of its own: the progress stream cannot be redirected.
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$module'; Stop-VMDomain -Uri '$QemuUri' -Name '$GuestName' -Wait -TimeoutSec 2")
                $null = $ps.Invoke()
                $err = @($ps.Streams.Error)
                $progress = @($ps.Streams.Progress)
            }
            finally { $ps.Dispose() }
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'OperationTimeout,Libvirt.PowerShell.Commands.StopVMDomainCommand'
            $err[0].Exception.Message | Should -Match '-TurnOff'
            $progress.Count | Should -BeGreaterOrEqual 3
            $progress[0].StatusDescription | Should -Be "Waiting for '$GuestName' to shut down"
            $progress[-1].RecordType | Should -Be 'Completed'
            Invoke-Virsh $QemuUri 'domstate', $GuestName | Should -Be 'running'
        }
        finally {
            Remove-VMDomain -Connection $Conn -Name $GuestName -Force
        }
    }

    It 'a daemon''s SYSTEM_ERROR (a missing QEMU binary) is not reported as a connection failure' {
        $xml = $GuestXml -replace '<name>[^<]*</name>', '<name>pester-noemu</name>' -replace '<emulator>[^<]*</emulator>', '<emulator>/usr/bin/qemu-nonexistent</emulator>'
        $xml | Should -Match 'qemu-nonexistent'
        New-VMDomain -Connection $Conn -Xml $xml -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'SystemError,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Not -Be 'ConnectionError'
        $err[0].Exception.Code | Should -Be 'SystemError'
        $err[0].Exception.Domain | Should -Be 'Qemu'
        $err[0].Exception.Message | Should -BeLike '*qemu-nonexistent*No such file or directory*'
        $Conn.IsOpen | Should -BeTrue
    }

    It 'lists the running guest with its vCPUs and memory as virsh does' {
        New-VMDomain -Connection $Conn -Xml $GuestXml -Start | Out-Null
        try {
            $d = Get-VMDomain -Connection $Conn -Name $GuestName
            $info = Invoke-Virsh $QemuUri 'dominfo', $GuestName
            $d.VCpus | Should -Be ([int](($info -split "`n" | Where-Object { $_ -match '^CPU\(s\):' }) -replace '\D', ''))
            $d.Uuid | Should -Be ([guid](($info -split "`n" | Where-Object { $_ -match '^UUID:' }) -replace '^UUID:\s*', ''))
            $d.CpuTime | Should -BeGreaterThan ([timespan]::Zero)
        }
        finally {
            Remove-VMDomain -Connection $Conn -Name $GuestName -Force
        }
        Get-VMDomain -Connection $Conn -Name $GuestName -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
