# Events, Wait-VMDomain and statistics against real libvirtd 9.0 (host1) and 11.3 (host3) with QEMU guests;
# virsh is the oracle (it attaches the disk: the device cmdlets are another branch's).
BeforeDiscovery {
    $script:HostsReady = [bool]$env:LIBVIRT_PS_HOST1_SOCK
    $script:Versions = @(@{ N = 1; Version = 'libvirt 9.0' })
    if ($env:LIBVIRT_PS_HOST3_URI -or $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') { $script:Versions += @{ N = 3; Version = 'libvirt 11.3' } }
}

BeforeAll {
    $module = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
    Import-Module $module -Force
    function Invoke-Virsh([string] $Uri, [string[]] $Arguments) {
        $out = & virsh -c $Uri @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "virsh $Arguments failed: $out" }
        ($out | Out-String).Trim()
    }
    function Get-DomStats([string] $Uri, [string] $Name) {
        $h = @{}
        foreach ($line in (Invoke-Virsh $Uri 'domstats', $Name) -split "`n") { if ($line -match '^\s+([^=]+)=(.*)$') { $h[$Matches[1]] = $Matches[2] } }
        $h
    }
}

Describe 'Events, waiting and statistics on QEMU (<Version>)' -Skip:(-not $HostsReady) -ForEach $Versions {
    BeforeAll {
        $script:Uri = [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST${N}_URI")
        if (-not $Uri) { throw "host$N is not running" }
        Disconnect-VMHost
        $script:Conn = Connect-VMHost -Uri $Uri
        $script:Name = "obs-$N-" + [guid]::NewGuid().ToString('N').Substring(0, 6)
        # ACPI, so the PCI bus takes a hot-plugged virtio disk.
        $xml = (Get-Content $env:LIBVIRT_PS_TINY_XML -Raw).Replace('<name>tiny</name>', "<name>$Name</name>").Replace('</os>', '</os><features><acpi/></features>')
        # In the state folder: host3's daemon is chrooted, with only that folder at the same path inside.
        $script:Image = Join-Path $env:LIBVIRT_PS_STATE_DIR "$Name.img"
        & qemu-img create -f raw $Image 8M | Out-Null
        Register-VMDomainEvent -Connection $Conn -Name $Name -SourceIdentifier "obs$N" -EventType Lifecycle, DeviceAdded, DeviceRemoved
        $script:Domain = New-VMDomain -Connection $Conn -Xml $xml
    }
    AfterAll {
        Get-EventSubscriber -SourceIdentifier "obs$N" -ErrorAction SilentlyContinue | Unregister-Event
        Get-Event -SourceIdentifier "obs$N" -ErrorAction SilentlyContinue | Remove-Event
        Stop-VMDomain -Connection $Conn -Name $Name -TurnOff -Confirm:$false -ErrorAction SilentlyContinue
        Remove-VMDomain -Connection $Conn -Name $Name -Confirm:$false -ErrorAction SilentlyContinue
        Remove-Item $Image -ErrorAction SilentlyContinue
        Disconnect-VMHost
    }

    It 'Wait-VMDomain returns when the guest runs, woken by its events' {
        Start-VMDomain -Connection $Conn -Name $Name
        $d = Wait-VMDomain -Connection $Conn -Name $Name -State Running -TimeoutSec 60 -PassThru
        $d.State | Should -Be 'Running'
        Invoke-Virsh $Uri 'domstate', $Name | Should -Be 'running'
    }

    It 'queues defined and started lifecycle events for the guest' {
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-Event -SourceIdentifier "obs$N" -ErrorAction SilentlyContinue | Where-Object { $_.SourceEventArgs.Type -eq 'Started' }).Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $types = @(Get-Event -SourceIdentifier "obs$N" | ForEach-Object { "$($_.SourceEventArgs.Type)/$($_.SourceEventArgs.Detail)" })
        $types | Should -Contain 'Defined/Added'
        $types | Should -Contain 'Started/Booted'
        $types.IndexOf('Defined/Added') | Should -BeLessThan $types.IndexOf('Started/Booted')
        Get-Event -SourceIdentifier "obs$N" | Remove-Event
    }

    It 'a disk attached with virsh is a DeviceAdded event naming its alias' {
        Invoke-Virsh $Uri 'attach-disk', $Name, $Image, 'vdb', '--live', '--targetbus', 'virtio' | Out-Null
        $e = Wait-Event -SourceIdentifier "obs$N" -Timeout 20
        $e | Should -Not -BeNullOrEmpty
        $e.SourceEventArgs.Kind | Should -Be 'DeviceAdded'
        $e.SourceEventArgs.DomainName | Should -Be $Name
        $alias = ([xml](Invoke-Virsh $Uri 'dumpxml', $Name)).domain.devices.disk | Where-Object { $_.target.dev -eq 'vdb' } | ForEach-Object { $_.alias.name }
        $e.SourceEventArgs.Device | Should -Be $alias
        $e | Remove-Event
    }

    It 'Get-VMDomainStat agrees with virsh domstats on what is stable' {
        $stats = @(Get-VMDomainStat -Connection $Conn -Name $Name -MaxSamples 1)
        $virsh = Get-DomStats $Uri $Name
        ($stats | Where-Object MetricId -eq 'sys.state').Value | Should -Be ([int]$virsh['state.state'])
        ($stats | Where-Object MetricId -eq 'cpu.vcpus').Value | Should -Be ([int]$virsh['vcpu.current'])
        ($stats | Where-Object MetricId -eq 'mem.actual.kib').Value | Should -Be ([long]$virsh['balloon.current'])
        $cpu = $stats | Where-Object MetricId -eq 'cpu.usage.percent'
        $cpu.Value | Should -BeGreaterOrEqual 0
        $cpu.Value | Should -BeLessOrEqual 100
        $cpu.IntervalSecs | Should -BeGreaterThan 0.5
        @($stats | Where-Object MetricId -eq 'disk.read.bytesps').Instance | Should -Be @($virsh['block.0.name'])
        $stats | ForEach-Object { $_.Entity | Should -Be $Name; $_.Uri | Should -Be $Uri }
    }

    It 'Measure-VMDomain summarizes samples of every metric' {
        $m = @(Measure-VMDomain -Connection $Conn -Name $Name -MaxSamples 2 -Metric cpu.*, sys.state)
        ($m | Where-Object MetricId -eq 'sys.state').Samples | Should -Be 2
        $cpu = $m | Where-Object MetricId -eq 'cpu.usage.percent'
        $cpu.Maximum | Should -BeGreaterOrEqual $cpu.Average
        $cpu.Average | Should -BeGreaterOrEqual $cpu.Minimum
    }

    It 'Get-VMHostStat reads the host''s CPU and memory as virsh does' {
        $s = @(Get-VMHostStat -Connection $Conn)
        $total = [long](((Invoke-Virsh $Uri 'nodememstats') -split "`n" | Where-Object { $_ -match '^total' }) -replace '\D', '')
        ($s | Where-Object MetricId -eq 'mem.total.kib').Value | Should -Be $total
        $usage = ($s | Where-Object MetricId -eq 'cpu.usage.percent').Value
        $usage | Should -BeGreaterOrEqual 0
        $usage | Should -BeLessOrEqual 100
        ($s | Where-Object MetricId -eq 'cpu.idle.ns').Value | Should -BeGreaterThan 0
    }

    It 'Get-VMDomainEvent -Wait streams the stop, and Wait-VMDomain sees it shut off' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$((Get-Module Libvirt).Path -replace 'Libvirt.PowerShell.dll$', 'Libvirt.psd1')'; Start-Sleep 2; Stop-VMDomain -Uri '$Uri' -Name '$Name' -TurnOff -Confirm:`$false")
        $h = $ps.BeginInvoke()
        $events = @(Get-VMDomainEvent -Connection $Conn -Name $Name -EventType Lifecycle -Wait -Count 2 -TimeoutSec 60)
        $ps.EndInvoke($h); $ps.Dispose()
        # QEMU reports the destroy as Shutdown/Host, then Stopped/Destroyed.
        $events.Count | Should -Be 2
        @($events | ForEach-Object { "$($_.Type)/$($_.Detail)" }) | Should -Contain 'Stopped/Destroyed'
        Wait-VMDomain -Connection $Conn -Name $Name -State ShutOff -TimeoutSec 30
        Invoke-Virsh $Uri 'domstate', $Name | Should -Be 'shut off'
    }

    It 'Unregister-Event deregisters every kind on the daemon and nothing more is queued' {
        $count = { $Conn.Driver.GetType().GetProperty('EventCallbackCount', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($Conn.Driver) }
        & $count | Should -Be 3
        Unregister-Event -SourceIdentifier "obs$N"
        Get-Event -SourceIdentifier "obs$N" -ErrorAction SilentlyContinue | Remove-Event
        @(Get-EventSubscriber -SourceIdentifier "obs$N" -ErrorAction SilentlyContinue).Count | Should -Be 0
        & $count | Should -Be 0
        Start-VMDomain -Connection $Conn -Name $Name
        Start-Sleep -Milliseconds 500
        @(Get-Event -SourceIdentifier "obs$N" -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}
