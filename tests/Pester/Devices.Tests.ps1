BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# Devices (issue 12). Part 1: the embedded test hypervisor against libvirt 11.3's own test driver, reached through
# host3's daemon (test+unix), step by step with the same cmdlets: the same results and the same errors.
# Part 2: real QEMU guests on host1 (libvirt 9.0) and host3 (libvirt 11.3), checked with virsh and qemu-img.
BeforeDiscovery {
    $required = $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1'
    $script:NoHost3 = -not $env:LIBVIRT_PS_HOST3_TEST_URI -and -not $required
    $script:QemuHosts = @(
        @{ HostName = 'host1'; Uri = $env:LIBVIRT_PS_HOST1_URI }
        @{ HostName = 'host3'; Uri = $env:LIBVIRT_PS_HOST3_URI }
    ) | Where-Object { $_.Uri -or $required }
}

Describe 'Device cmdlets: embedded test hypervisor = libvirt 11.3''s test driver' -Skip:$NoHost3 {
    BeforeAll {
        Disconnect-VMHost
        [Libvirt.Drivers.Test.TestDriver]::ResetHost('test:///default')
        $script:Embedded = 'test:///default'
        $script:Libvirt = $env:LIBVIRT_PS_HOST3_TEST_URI
        # Held open so each side's test:///default keeps its state from step to step.
        Connect-VMHost -Uri $Embedded, $Libvirt | Out-Null
        # One step on one side: its output as text, or its error's id and message.
        function script:Step([string] $Uri, [scriptblock] $Body) {
            $ErrorActionPreference = 'Stop'
            try { (& $Body $Uri | ForEach-Object { $_ | ConvertTo-Json -Compress -EnumsAsStrings }) -join "`n" }
            catch { "$($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
        }
        function script:Same([scriptblock] $Body) {
            $theirs = Step $Libvirt $Body
            $ours = Step $Embedded $Body
            $ours | Should -BeExactly $theirs
            $ours
        }
        $script:Disk = { param($u) Get-VMDomainDisk -Name test -Uri $u | Select-Object Target, Bus, Device, Type, Source, Format, ReadOnly, Alias, CapacityBytes, AllocationBytes }
        $script:Nic = { param($u) Get-VMDomainNetworkAdapter -Name test -Uri $u | Select-Object MacAddress, Type, Network, Bridge, Model, HostInterface, Connected, Alias }
        $script:Ip = { param($u) Get-VMDomainIPAddress -Name test -Uri $u | Select-Object Interface, MacAddress, IPAddress, PrefixLength, Family, Source }
    }
    AfterAll {
        Disconnect-VMHost
        [Libvirt.Drivers.Test.TestDriver]::ResetHost('test:///default')
    }

    It 'lists the default domain''s disk, adapter and made-up address as libvirt does' {
        Same $Disk | Should -Match '/guest/diskimage1'
        Same $Nic | Should -Match 'aa:bb:cc:dd:ee:ff'
        Same $Ip | Should -Match '192\.168\.122\.3'
        Same { param($u) Get-VMDomainIPAddress -Name test -Uri $u -Source Arp | Select-Object IPAddress, Source } | Should -Match 'Arp'
    }

    It 'attaches a virtio disk live, and refuses what libvirt refuses with its codes' {
        Same { param($u) Add-VMDomainDisk -Name test -Uri $u -Path /tmp/devices-parity.img -Format raw -Confirm:$false } | Should -BeNullOrEmpty
        Same $Disk | Should -Match 'vdb'
        Same { param($u) Add-VMDomainDisk -Name test -Uri $u -Path /tmp/p2.img -Target vdc -Config -Confirm:$false } | Should -Match '^InvalidArgument: unsupported flags \(0x2\)'
        Same { param($u) Add-VMDomainDisk -Name test -Uri $u -Path /tmp/p2.img -Bus sata -Confirm:$false } | Should -Match '^NotSupported: .*sata'
        Same { param($u) Remove-VMDomainDisk -Name test -Uri $u -Target vdb -Confirm:$false } | Should -Match '^NotSupported: .*virDomainDetachDeviceFlags'
        Same { param($u) Resize-VMDomainDisk -Name test -Uri $u -Target vda -Size 2TiB -Confirm:$false } | Should -Match '^NotSupported: .*virDomainBlockResize'
    }

    It 'attaches a bridge adapter live (the address it then makes up too) and refuses a network one and a link change' {
        Same { param($u) Add-VMDomainNetworkAdapter -Name test -Uri $u -Network default -Confirm:$false } | Should -Match '^NotSupported: .*hotplug of interface type of network'
        Same { param($u) Add-VMDomainNetworkAdapter -Name test -Uri $u -Bridge br0 -MacAddress 52:54:00:11:22:33 -Model virtio -Confirm:$false } | Should -BeNullOrEmpty
        Same $Nic | Should -Match 'net0'
        # In process (virsh, python3-libvirt on test:///default) the attached adapter's address has no interface
        # name; libvirtd cannot encode that null name in its reply, so over RPC the call fails. The embedded
        # hypervisor answers as the in-process driver does.
        Step $Libvirt $Ip | Should -Match 'Unable to encode message payload'
        $ours = @(Get-VMDomainIPAddress -Name test -Uri $Embedded)
        $ours[1].Interface | Should -BeNullOrEmpty
        $ours[1].IPAddress | Should -Be '192.168.0.2'
        $ours[1].MacAddress | Should -Be '52:54:00:11:22:33'
        Same { param($u) Set-VMDomainNetworkAdapter -Name test -Uri $u -MacAddress 52:54:00:11:22:33 -Connected $false -Confirm:$false } | Should -Match '^NotSupported: .*persistent update'
    }

    It 'refuses addresses and live changes of a shut-off domain as libvirt does' {
        Same { param($u) Stop-VMDomain -Name test -Uri $u -Force -Confirm:$false } | Out-Null
        Same $Ip | Should -Match '^OperationInvalid: .*not running'
        Same { param($u) Add-VMDomainDisk -Name test -Uri $u -Path /tmp/p3.img -Target vdd -Confirm:$false } | Should -Match '^\w+: '
    }
}

Describe 'Device cmdlets on real QEMU guests (<HostName>)' -ForEach $QemuHosts {
    BeforeAll {
        $script:Dir = Join-Path $env:LIBVIRT_PS_STATE_DIR "devices-$HostName"
        New-Item -ItemType Directory -Force $Dir | Out-Null
        $script:Img = Join-Path $Dir 'data.qcow2'
        $script:Iso = Join-Path $Dir 'media.iso'
        & qemu-img create -q -f qcow2 $Img 64M
        [IO.File]::WriteAllBytes($Iso, (New-Object byte[] (1MB)))
        $script:Bridge = 'lvpsdev0'
        if (-not (Test-Path "/sys/class/net/$Bridge")) { & ip link add name $Bridge type bridge; & ip link set $Bridge up }
        $script:Name = "dev-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        # ACPI for PCI hotplug of adapters; a virtio-scsi controller so disks come and go without the guest
        # (the guest idles in firmware and never acknowledges a PCI unplug).
        $xml = (Get-Content $env:LIBVIRT_PS_TINY_XML -Raw) -replace '<name>tiny</name>', "<name>$Name</name>" -replace '<os>', '<features><acpi/></features><os>' `
            -replace '<devices>', "<devices><controller type='scsi' model='virtio-scsi'/><disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk><interface type='user'><mac address='52:54:00:aa:00:01'/><model type='e1000'/></interface>"
        New-VMDomain -Uri $Uri -Xml $xml -Start | Out-Null
        function script:Blk([switch] $Inactive) { @(& virsh -q -c $Uri domblklist $Name $(if ($Inactive) { '--inactive' }) | ForEach-Object { "$_".Trim() -replace '\s+', ' ' } | Where-Object { $_ }) }
    }
    AfterAll {
        & virsh -q -c $Uri destroy $Name 2>&1 | Out-Null
        & virsh -q -c $Uri undefine $Name 2>&1 | Out-Null
    }

    It 'attaches a qcow2 image live and persistently, the format read from the file, and virsh domblklist agrees' {
        $d = Add-VMDomainDisk -Name $Name -Uri $Uri -Path $Img -Bus scsi -Live -Config -PassThru -Confirm:$false
        $d.Target | Should -Be 'sda'
        $d.Format | Should -Be 'qcow2'
        Blk | Should -Contain "sda $Img"
        Blk -Inactive | Should -Contain "sda $Img"
        (Get-VMDomainDisk -Name $Name -Uri $Uri -Target sd*).CapacityBytes | Should -Be 64MB
    }

    It 'refuses to shrink without -Force, grows the disk, and qemu-img info agrees' {
        { Resize-VMDomainDisk -Name $Name -Uri $Uri -Target sda -Size 32M -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,Libvirt.PowerShell.Commands.Devices.ResizeVMDomainDiskCommand'
        (Resize-VMDomainDisk -Name $Name -Uri $Uri -Target sda -Size 128MiB -PassThru -Confirm:$false).CapacityBytes | Should -Be 128MB
        (& qemu-img info -U --output=json $Img | ConvertFrom-Json).'virtual-size' | Should -Be 128MB
    }

    It 'inserts and ejects CD media live' {
        (Set-VMDomainCDDrive -Name $Name -Uri $Uri -IsoPath $Iso -PassThru -Confirm:$false).Source | Should -Be $Iso
        Blk | Should -Contain "hdc $Iso"
        (Set-VMDomainCDDrive -Name $Name -Uri $Uri -Eject -PassThru -Confirm:$false).IsEmpty | Should -BeTrue
        Blk | Should -Contain 'hdc -'
    }

    It 'sets an adapter''s link down and up (virsh domif-getlink agrees)' {
        (Set-VMDomainNetworkAdapter -Name $Name -Uri $Uri -MacAddress 52:54:00:AA:00:01 -Connected $false -PassThru -Confirm:$false).Connected | Should -BeFalse
        "$(& virsh -q -c $Uri domif-getlink $Name 52:54:00:aa:00:01)" | Should -Match 'down'
        Set-VMDomainNetworkAdapter -Name $Name -Uri $Uri -MacAddress 52:54:00:aa:00:01 -Connected $true -Confirm:$false
        "$(& virsh -q -c $Uri domif-getlink $Name 52:54:00:aa:00:01)" | Should -Match 'up'
    }

    It 'adds an adapter on a bridge live; removing it live warns that the guest has not released it, in seconds' {
        $n = Add-VMDomainNetworkAdapter -Name $Name -Uri $Uri -Bridge $Bridge -Model virtio -PassThru -Confirm:$false
        $n.MacAddress | Should -Match '^52:54:00(:[0-9a-f]{2}){3}$'
        (& virsh -q -c $Uri domiflist $Name) -join "`n" | Should -Match ([regex]::Escape($n.MacAddress))
        $sw = [Diagnostics.Stopwatch]::StartNew()
        Remove-VMDomainNetworkAdapter -Name $Name -Uri $Uri -MacAddress $n.MacAddress -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 60
        "$w" | Should -Match 'has not done so yet'
        # Persistently it was never there; -Config removes nothing and says so.
        { Remove-VMDomainNetworkAdapter -Name $Name -Uri $Uri -MacAddress $n.MacAddress -Config -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'DeviceNotFound,Libvirt.PowerShell.Commands.Devices.RemoveVMDomainNetworkAdapterCommand'
    }

    It 'adds an adapter to the persistent definition only, and removes it again' {
        $n = Add-VMDomainNetworkAdapter -Name $Name -Uri $Uri -Bridge $Bridge -Config -PassThru -Confirm:$false
        (Get-VMDomainNetworkAdapter -Name $Name -Uri $Uri -Inactive).MacAddress | Should -Contain $n.MacAddress
        (Get-VMDomainNetworkAdapter -Name $Name -Uri $Uri).MacAddress | Should -Not -Contain $n.MacAddress
        Remove-VMDomainNetworkAdapter -Name $Name -Uri $Uri -MacAddress $n.MacAddress -Config -Confirm:$false -WarningVariable w
        $w | Should -BeNullOrEmpty
        (Get-VMDomainNetworkAdapter -Name $Name -Uri $Uri -Inactive).MacAddress | Should -Not -Contain $n.MacAddress
    }

    It 'detaches the SCSI disk live and persistently without the guest (domblklist agrees)' {
        Remove-VMDomainDisk -Name $Name -Uri $Uri -Target $Img -Live -Config -Confirm:$false -WarningVariable w
        $w | Should -BeNullOrEmpty
        Blk | Should -Not -Contain "sda $Img"
        Blk -Inactive | Should -Not -Contain "sda $Img"
    }

    It 'asks the daemon for addresses: the agent source says there is no agent; the fallback ends in ARP' {
        { Get-VMDomainIPAddress -Name $Name -Uri $Uri -Source Agent -ErrorAction Stop } | Should -Throw -ErrorId 'ArgumentUnsupported,Libvirt.PowerShell.Commands.Devices.GetVMDomainIPAddressCommand'
        # A guest in firmware has no address; the host's ARP lookup may itself fail in the hosts' namespaces.
        try { @(Get-VMDomainIPAddress -Name $Name -Uri $Uri -ErrorAction Stop).Count | Should -Be 0 }
        catch { $_.FullyQualifiedErrorId | Should -Match '^InternalError' }
    }
}
