#requires -Version 7.0
<#
    Two libvirt versions (issue 15): host1 runs Debian 12's libvirt 9.0 / QEMU 7.2, host3 Debian 13's
    libvirt 11.3 / QEMU 10.0 (tests/hosts/debian13-root.sh builds its root, start.sh runs it). Live migration
    works both ways, managed and peer-to-peer, with the machine type both QEMU builds run (pc-i440fx-7.2):
    the guest 'tiny72'. virsh (libvirt's own client) is the oracle on both sides.
#>

BeforeDiscovery {
    $script:HostsMissing = -not ($env:LIBVIRT_PS_HOST1_URI -and $env:LIBVIRT_PS_HOST3_URI -and $env:LIBVIRT_PS_TINY72_XML)
    $script:SkipHosts = $script:HostsMissing -and $env:LIBVIRT_PS_REQUIRE_HOSTS -ne '1'
    $script:Directions = foreach ($from in 1, 3) {
        foreach ($p2p in $false, $true) {
            @{ From = $from; To = 4 - $from; PeerToPeer = $p2p; Mode = $(if ($p2p) { 'peer-to-peer' } else { 'managed' }) }
        }
    }
}

Describe 'Two libvirt versions: 9.0 and 11.3' -Tag 'Hosts', 'LiveMigration' -Skip:$SkipHosts {
    BeforeAll {
        if (-not ($env:LIBVIRT_PS_HOST1_URI -and $env:LIBVIRT_PS_HOST3_URI -and $env:LIBVIRT_PS_TINY72_XML)) {
            throw 'The libvirt 11.3 host is required (LIBVIRT_PS_REQUIRE_HOSTS=1) but LIBVIRT_PS_HOST3_URI is not set: ' +
            'run tests/hosts/debian13-root.sh, then tests/hosts/start.sh STATE, and source STATE/hosts.env.'
        }
        $script:ModulePath = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
        Import-Module $script:ModulePath -Force
        $script:Uri = @{ 1 = $env:LIBVIRT_PS_HOST1_URI; 3 = $env:LIBVIRT_PS_HOST3_URI }
        # The ten free loopback ports start.sh found (suites run one after the other).
        $script:PortBase = [int]$env:LIBVIRT_PS_MIGRATE_PORT_BASE
        $script:PortIndex = 0
        $script:Name = 'tiny72'

        function script:Invoke-Virsh([int] $On, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments) {
            $out = & virsh -q -c $script:Uri[$On] @Arguments 2>&1
            [pscustomobject]@{ Code = $LASTEXITCODE; Text = ($out | Out-String).Trim() }
        }
        function script:Get-GuestState([int] $On) {
            $r = Invoke-Virsh $On domstate $script:Name
            if ($r.Code -ne 0) { return $null }
            $r.Text
        }
        function script:Remove-Guest {
            foreach ($h in 1, 3) {
                if ($null -eq (Get-GuestState $h)) { continue }
                $null = Invoke-Virsh $h destroy $script:Name
                $null = Invoke-Virsh $h undefine $script:Name
            }
        }
        # The guest runs, persistent, on host $On only.
        function script:Use-Guest([int] $On) {
            if ((Get-GuestState $On) -eq 'running' -and $null -eq (Get-GuestState (4 - $On))) { return }
            Remove-Guest
            (Invoke-Virsh $On define $env:LIBVIRT_PS_TINY72_XML).Code | Should -Be 0
            (Invoke-Virsh $On start $script:Name).Code | Should -Be 0
        }
        Disconnect-VMHost
    }
    AfterAll {
        Remove-Guest
        Disconnect-VMHost
    }

    It 'host3 runs libvirt 11.3 and QEMU 10.0, host1 libvirt 9.0 and QEMU 7.2' {
        $h1 = Get-VMHost -Uri $Uri[1]
        $h3 = Get-VMHost -Uri $Uri[3]
        $h1.LibvirtVersion | Should -Be ([version]'9.0.0')
        $h3.LibvirtVersion.Major | Should -Be 11
        $h3.LibvirtVersion | Should -Be ([version]$env:LIBVIRT_PS_HOST3_LIBVIRT_VERSION)
        $h3.HypervisorVersion.Major | Should -Be 10
        $h1.HypervisorVersion.Major | Should -Be 7
        $h3.Hostname | Should -Be 'host3'
    }

    It 'the lifecycle works on libvirt 11.3 as virsh sees it' {
        Remove-Guest
        $xml = Get-Content $env:LIBVIRT_PS_TINY72_XML -Raw
        $d = New-VMDomain -Uri $Uri[3] -Xml $xml -Start
        $d.State | Should -Be 'Running'
        (Invoke-Virsh 3 domstate $Name).Text | Should -Be 'running'
        Suspend-VMDomain -Uri $Uri[3] -Name $Name
        (Invoke-Virsh 3 domstate $Name).Text | Should -Be 'paused'
        Resume-VMDomain -Uri $Uri[3] -Name $Name
        Restart-VMDomain -Uri $Uri[3] -Name $Name -Force
        (Invoke-Virsh 3 domstate $Name).Text | Should -Be 'running'
        Stop-VMDomain -Uri $Uri[3] -Name $Name -TurnOff -Force
        (Invoke-Virsh 3 domstate $Name).Text | Should -Be 'shut off'
        Remove-VMDomain -Uri $Uri[3] -Name $Name -Force
        Get-GuestState 3 | Should -BeNullOrEmpty
    }

    It 'live <Mode> migration from host<From> to host<To> moves the running guest, and its definition' -ForEach $Directions {
        Use-Guest $From
        $port = $PortBase + ($script:PortIndex++ % 10)
        $moved = Move-VMDomain -Name $Name -Uri $Uri[$From] -DestinationUri $Uri[$To] -Live -PersistDestination -UndefineSource `
            -PeerToPeer:$PeerToPeer -MigrateUri "tcp://127.0.0.1:$port" -PassThru -Confirm:$false -ErrorAction Stop
        $moved.Name | Should -Be $Name
        $moved.State | Should -Be 'Running'
        $moved.Uri | Should -Be $Uri[$To]
        (Invoke-Virsh $To domstate $Name).Text | Should -Be 'running'
        (Invoke-Virsh $To dominfo $Name).Text | Should -Match '(?m)^Persistent:\s+yes'
        Get-GuestState $From | Should -BeNullOrEmpty
        (Invoke-Virsh $To dumpxml $Name).Text | Should -Match "machine='pc-i440fx-7\.2'"
    }
}

Describe 'Parameters checked against the side that uses them (9.0 and 11.3)' -Tag 'Hosts', 'LiveMigration' -Skip:$SkipHosts {
    BeforeAll {
        $script:ModulePath = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
        Import-Module $script:ModulePath -Force
        $script:Uri = @{ 1 = $env:LIBVIRT_PS_HOST1_URI; 3 = $env:LIBVIRT_PS_HOST3_URI }
        $script:PortBase = [int]$env:LIBVIRT_PS_MIGRATE_PORT_BASE
        $script:PortIndex = 0
        function script:State([int] $On) { $o = & virsh -q -c $script:Uri[$On] domstate tiny72 2>&1; if ($LASTEXITCODE) { $null } else { "$o".Trim() } }
        function script:Reset-Guest([int] $On) {
            foreach ($h in 1, 3) { & virsh -q -c $script:Uri[$h] destroy tiny72 2>&1 | Out-Null; & virsh -q -c $script:Uri[$h] undefine tiny72 2>&1 | Out-Null }
            & virsh -q -c $script:Uri[$On] create $env:LIBVIRT_PS_TINY72_XML 2>&1 | Out-Null
            State $On | Should -Be 'running'
        }
        function script:Move-Guest([int] $From, [hashtable] $Extra) {
            $port = $script:PortBase + ($script:PortIndex++ % 10)
            Move-VMDomain -Name tiny72 -Uri $script:Uri[$From] -DestinationUri $script:Uri[4 - $From] -Live -MigrateUri "tcp://127.0.0.1:$port" `
                -Confirm:$false -ErrorAction Stop @Extra
        }
    }
    AfterAll { foreach ($h in 1, 3) { & virsh -q -c $script:Uri[$h] destroy tiny72 2>&1 | Out-Null } }

    # BandwidthAvailSwitchover (libvirt 11.1) is the source's business: a peer-to-peer migration from 11.3 to
    # 9.0 takes it, with or without a connection to the destination (-PassThru opens one).
    It 'peer-to-peer from 11.3 to 9.0 with a source-only 11.1 parameter works <Label>' -ForEach @(
        @{ Label = 'without -PassThru'; Extra = @{ PeerToPeer = $true; BandwidthAvailSwitchover = 100 } },
        @{ Label = 'with -PassThru'; Extra = @{ PeerToPeer = $true; BandwidthAvailSwitchover = 100; PassThru = $true } }) {
        Reset-Guest 3
        Move-Guest 3 $Extra | Out-Null
        State 1 | Should -Be 'running'
        State 3 | Should -BeNullOrEmpty
    }

    It 'a managed migration hands every parameter to the 9.0 destination too: refused before anything moves, with libvirt''s code' {
        Reset-Guest 3
        $e = $null
        try { Move-Guest 3 @{ BandwidthAvailSwitchover = 100 } } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'ArgumentUnsupported,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        $e.Exception.Message | Should -Match 'destination host, which runs 9\.0\.0'
        State 3 | Should -Be 'running'
        State 1 | Should -BeNullOrEmpty
    }

    It 'a 9.0 source refuses the 11.1 parameter in either mode' -ForEach @(@{ P2P = $true }, @{ P2P = $false }) {
        Reset-Guest 1
        $e = $null
        try { Move-Guest 1 @{ PeerToPeer = $P2P; BandwidthAvailSwitchover = 100 } } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'ArgumentUnsupported,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        $e.Exception.Message | Should -Match 'source host, which runs 9\.0\.0'
        State 1 | Should -Be 'running'
    }

    # QEMU 10 no longer has multithread compression. Managed, the module asks the destination host its QEMU
    # release and refuses before anything moves; peer to peer (no destination connection) the destination
    # daemon refuses it, also before any data moves.
    It '-Compression mt towards QEMU 10 is refused before anything moves (<Mode>), and the guest runs on at the source' -ForEach @(
        @{ Mode = 'managed'; P2P = $false; Expect = "compression method 'mt' is not supported by QEMU 10\.\d+\.\d+ on the destination host" },
        @{ Mode = 'peer-to-peer'; P2P = $true; Expect = "compress" }) {
        Reset-Guest 1
        $e = $null
        try { Move-Guest 1 @{ Compressed = $true; Compression = 'mt'; PeerToPeer = $P2P } } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'ArgumentUnsupported,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        $e.Exception.Message | Should -Match $Expect
        State 1 | Should -Be 'running'
        State 3 | Should -BeNullOrEmpty
    }
}
