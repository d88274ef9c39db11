# Several hosts at once (issue 14): every Get- and lifecycle cmdlet works on the hosts concurrently, at most
# -ThrottleLimit at a time (observed through the embedded test driver's TestOpenProbe, never by timing), objects
# carry their host, a host that fails is one non-terminating error naming it while the others' objects arrive,
# and everything is written from the pipeline thread.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Probe = [Libvirt.Drivers.Test.TestOpenProbe]
    $script:Dead = 'qemu+tcp://127.0.0.1:1/system'          # nothing listens: connection refused
    $script:Missing = 'test:///nonexistent/fleet-node.xml'   # the embedded driver cannot load it

    # Named embedded hosts test:///<prefix>-<n>, each with one domain '<prefix>-<n>-vm' defined (shut off).
    function New-FleetHosts([string] $Prefix, [int] $Count) {
        1..$Count | ForEach-Object {
            $u = "test:///$Prefix-$_"
            New-VMDomain -Uri $u -Xml (New-TestDomainXml -Name "$Prefix-$_-vm") | Out-Null
            $u
        }
    }
    function New-Prefix { 'fleet' + [guid]::NewGuid().ToString('N').Substring(0, 8) }
}

Describe 'Get- on several hosts' {
    BeforeAll { Disconnect-VMHost }
    AfterEach { $Probe::Disarm() }
    AfterAll { Disconnect-VMHost }

    It 'lists every host''s objects, each carrying its host, and a dead host is one error naming it' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 3
        $out = Get-VMDomain -Uri ($uris + $Dead + $Missing) -ErrorVariable err -ErrorAction SilentlyContinue
        ($out.Name | Sort-Object) | Should -Be @("$p-1-vm", "$p-2-vm", "$p-3-vm")
        foreach ($d in $out) { $d.Uri | Should -Be ($uris | Where-Object { $d.Name -eq (($_ -replace '^test:///', '') + '-vm') }) }
        $err.Count | Should -Be 2
        ($err.TargetObject | Sort-Object) | Should -Be (@($Dead, $Missing) | Sort-Object)
        foreach ($e in $err) { "$e" | Should -BeLike "*$($e.TargetObject)*" }
        ($err | Where-Object TargetObject -eq $Dead).CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'writes each host''s objects as it answers, not after all hosts (one at a time with -ThrottleLimit 1)' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 3
        $Probe::Arm($p, 1)
        $opensAtEach = Get-VMDomain -Uri $uris -ThrottleLimit 1 | ForEach-Object { $Probe::Opens }
        $opensAtEach | Should -Be @(1, 2, 3)
    }

    It 'stops every host''s worker when downstream has enough (Select-Object -First)' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 6
        $first = @(Get-VMDomain -Uri $uris -ThrottleLimit 2 | Select-Object -First 1)
        $first.Count | Should -Be 1
        # The command ended cleanly: the next one on the same hosts works.
        (Get-VMDomain -Uri $uris).Count | Should -Be 6
    }

    It 'writes only from the pipeline thread' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 4
        $here = [Threading.Thread]::CurrentThread.ManagedThreadId
        $threads = Get-VMDomain -Uri $uris | ForEach-Object { [Threading.Thread]::CurrentThread.ManagedThreadId }
        $threads.Count | Should -Be 4
        $threads | Sort-Object -Unique | Should -Be $here
    }

    It 'opens at most -ThrottleLimit hosts at once, and that many at the same time' -TestCases @(
        @{ Limit = 3; Hosts = 9 }, @{ Limit = 1; Hosts = 3 }
    ) {
        $p = New-Prefix
        $uris = 1..$Hosts | ForEach-Object { "test:///$p-$_" }
        $Probe::Arm($p, $Limit)
        $described = Get-VMHost -Uri $uris -ThrottleLimit $Limit
        $described.Count | Should -Be $Hosts
        $Probe::Opens | Should -Be $Hosts
        $Probe::Peak | Should -Be $Limit
        $Probe::TimedOut | Should -Be 0
    }

    It 'never opens more than -ThrottleLimit at once (a group of one more never meets)' -TestCases @(
        @{ Limit = 3; Hosts = 6 }, @{ Limit = 1; Hosts = 2 }
    ) {
        $p = New-Prefix
        $uris = 1..$Hosts | ForEach-Object { "test:///$p-$_" }
        $Probe::Arm($p, $Limit + 1, 300)
        (Get-VMHost -Uri $uris -ThrottleLimit $Limit).Count | Should -Be $Hosts
        $Probe::Peak | Should -Be $Limit
        $Probe::TimedOut | Should -Be $Hosts
    }

    It 'opens 32 hosts at once by default, never more' {
        $p = New-Prefix
        $uris = 1..64 | ForEach-Object { "test:///$p-$_" }
        $Probe::Arm($p, 32)
        (Get-VMDomain -Uri $uris).Count | Should -Be 0
        $Probe::Opens | Should -Be 64
        $Probe::Peak | Should -Be 32
        $Probe::TimedOut | Should -Be 0
        $Probe::Arm($p, 33, 300)
        (Get-VMDomain -Uri $uris[0..32]).Count | Should -Be 0
        $Probe::Peak | Should -Be 32
    }

    It 'a plain name is an error only when no host has it, reported once' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 3
        $out = Get-VMDomain -Uri $uris -Name "$p-2-vm", 'nosuch' -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Name | Should -Be "$p-2-vm"
        $out.Uri | Should -Be $uris[1]
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
        $err[0].TargetObject | Should -Be 'nosuch'
    }

    It 'looks up by UUID and by id on every host' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 2
        $d = Get-VMDomain -Uri $uris[1]
        $found = Get-VMDomain -Uri ($uris + $Dead) -Uuid $d.Uuid -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Uri | Should -Be $uris[1]
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $Dead
        Start-VMDomain -Uri $uris -Name '*'
        $byId = Get-VMDomain -Uri $uris -Id 1
        ($byId.Uri | Sort-Object) | Should -Be ($uris | Sort-Object)
    }

    It 'uses the session''s hosts, and -Connection lists' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 3
        $c = $uris | ForEach-Object { Connect-VMHost -Uri $_ }
        try {
            (Get-VMDomain -Name "$p-*").Count | Should -Be 3
            (Get-VMDomain -Connection $c[0], $c[2] | Sort-Object Name).Uri | Should -Be @($uris[0], $uris[2])
            (Get-VMHost).Count | Should -Be 3
        }
        finally { Disconnect-VMHost }
    }
}

Describe 'Lifecycle on several hosts' {
    BeforeAll { Disconnect-VMHost }
    AfterEach { $Probe::Disarm() }
    AfterAll { Disconnect-VMHost }

    It 'starts and stops the named domains on every host; a dead host is one error and the others act' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 3
        $started = Start-VMDomain -Uri ($uris + $Dead) -Name "$p-*" -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        ($started.Uri | Sort-Object) | Should -Be ($uris | Sort-Object)
        $started.State | Sort-Object -Unique | Should -Be 'Running'
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $Dead
        Stop-VMDomain -Uri $uris -Name "$p-*" -TurnOff -Force
        (Get-VMDomain -Uri $uris).State | Sort-Object -Unique | Should -Be 'ShutOff'
    }

    It 'acts on -Domain objects of several hosts, each on its own host' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 4
        $all = Get-VMDomain -Uri $uris
        $out = Start-VMDomain -Domain $all -PassThru
        ($out.Uri | Sort-Object) | Should -Be ($uris | Sort-Object)
        (Get-VMDomain -Uri $uris -State Running).Count | Should -Be 4
    }

    It 'asks ShouldProcess on the pipeline thread: -WhatIf changes nothing on any host' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 3
        Start-VMDomain -Uri $uris -Name '*' -WhatIf
        (Get-VMDomain -Uri $uris -State ShutOff).Count | Should -Be 3
    }

    It 'a plain name no host has is one error; the hosts that have it act' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 2
        Start-VMDomain -Uri $uris -Name "$p-1-vm", 'nosuch' -ErrorVariable err -ErrorAction SilentlyContinue
        (Get-VMDomain -Uri $uris[0]).State | Should -Be 'Running'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
    }

    It 'honours -ThrottleLimit' {
        $p = New-Prefix
        $uris = 1..6 | ForEach-Object { "test:///$p-$_" }
        $Probe::Arm($p, 2)
        Start-VMDomain -Uri $uris -Name '*' -ThrottleLimit 2
        $Probe::Opens | Should -Be 6
        $Probe::Peak | Should -Be 2
        $Probe::TimedOut | Should -Be 0
        $Probe::Arm($p, 3, 300)
        Stop-VMDomain -Uri $uris[0..3] -Name '*' -ThrottleLimit 2
        $Probe::Peak | Should -Be 2
    }

    It 'warnings from host workers reach the pipeline (already running)' {
        $p = New-Prefix
        $uris = New-FleetHosts $p 2
        Start-VMDomain -Uri $uris -Name '*'
        Start-VMDomain -Uri $uris -Name '*' -WarningVariable warn -WarningAction SilentlyContinue
        $warn.Count | Should -Be 2
    }
}

Describe 'Several real daemons, an embedded host and a dead one' -Tag 'RealHost' {
    BeforeAll {
        Disconnect-VMHost
        $script:real = @($env:LIBVIRT_PS_HOST1_TEST_URI, $env:LIBVIRT_PS_HOST3_TEST_URI, $env:LIBVIRT_PS_HOST1_URI) | Where-Object { $_ }
    }

    It 'lists every live host''s domains with their host, and reports the dead one' {
        if ($real.Count -lt 2) { Set-ItResult -Skipped -Because 'the real test hosts are not running (tests/hosts/start.sh)' ; return }
        $p = New-Prefix
        $embedded = New-FleetHosts $p 1
        $out = Get-VMDomain -Uri ($real + $embedded + $Dead) -ErrorVariable err -ErrorAction SilentlyContinue
        foreach ($u in $real + $embedded) {
            $one = @(Get-VMDomain -Uri $u)
            @($out | Where-Object Uri -eq $u).Count | Should -Be $one.Count -Because "$u lists $($one.Count) on its own"
        }
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $Dead
        $hosts = Get-VMHost -Uri ($real + $Dead) -ErrorAction SilentlyContinue
        ($hosts.Uri | Sort-Object) | Should -Be ($real | Sort-Object)
    }
}
