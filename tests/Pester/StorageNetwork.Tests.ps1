# Storage pools, volumes and networks (issue 13): the embedded test hypervisor against libvirt's own test driver
# (virsh and python3-libvirt on test:///default and on a node file with <network> and <pool>), and the real
# hosts of tests/hosts/start.sh: dir pools in the state dir with qcow2 volumes that qemu-img reads back, the
# network 'lvps' with dnsmasq, and a real DHCP lease taken by tests/hosts/lease.sh.
BeforeDiscovery {
    $script:NoVirsh = -not (Get-Command virsh -ErrorAction SilentlyContinue) -and $env:LIBVIRT_PS_REQUIRE_HOSTS -ne '1'
    $script:HostsReady = [bool]$env:LIBVIRT_PS_HOST1_SOCK
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    if (-not $env:LIBVIRT_PS_HOST1_SOCK -and $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') {
        throw 'LIBVIRT_PS_REQUIRE_HOSTS=1 but the real libvirt hosts are not running (LIBVIRT_PS_HOST1_SOCK is unset).'
    }
    function script:Invoke-Virsh([string] $Uri, [string] $Commands) {
        $out = & virsh -q -c $Uri $Commands 2>&1
        ($out | ForEach-Object { "$_" } | Where-Object { $_ -ne '' })
    }
    function script:Invoke-Python([string] $Code) {
        # libvirt also prints each error on stderr; the scripts print what the tests compare.
        $out = $Code | & /usr/bin/python3 - 2>$null
        ($out | ForEach-Object { "$_" })
    }
    Disconnect-VMHost
}
AfterAll { Disconnect-VMHost }

Describe 'Networks and pools of the embedded test hypervisor = libvirt''s test driver' -Skip:$NoVirsh {
    BeforeAll {
        # A fresh test:///default for each run: other files change it.
        [Libvirt.Drivers.Test.TestDriver]::ResetHost('test:///default')
    }

    It 'lists what virsh net-list --all shows on test:///default' {
        $virsh = Invoke-Virsh 'test:///default' 'net-list --all' | ForEach-Object { ($_ -split '\s+' | Where-Object { $_ }) -join ' ' }
        $mine = Get-VMNetwork -Uri test:///default | ForEach-Object {
            "$($_.Name) $($_.State.ToLower()) $(if ($_.Autostart) { 'yes' } else { 'no' }) $(if ($_.Persistent) { 'yes' } else { 'no' })" }
        $mine | Should -Be $virsh
        (Get-VMNetwork -Uri test:///default default).Bridge | Should -Be 'virbr0'
        (Get-VMNetwork -Uri test:///default default).Uuid | Should -Be ((Invoke-Virsh 'test:///default' 'net-uuid default') | Select-Object -First 1)
    }

    It 'lists what virsh pool-list --all --details shows on test:///default' {
        $virsh = Invoke-Virsh 'test:///default' 'pool-list --all' | ForEach-Object { ($_ -split '\s+' | Where-Object { $_ }) -join ' ' }
        # virsh pool-list says active/inactive where the API's state is running/inactive.
        $mine = Get-VMStoragePool -Uri test:///default | ForEach-Object { "$($_.Name) $(if ($_.IsActive) { 'active' } else { 'inactive' }) $(if ($_.Autostart) { 'yes' } else { 'no' })" }
        $mine | Should -Be $virsh
        $info = Invoke-Python "import libvirt; p = libvirt.open('test:///default').storagePoolLookupByName('default-pool'); print(p.info()); print(p.UUIDString())"
        $p = Get-VMStoragePool -Uri test:///default default-pool
        "[$([int]$p.State), $($p.Capacity), $($p.Allocation), $($p.Available)]" | Should -Be $info[0]
        "$($p.Uuid)" | Should -Be $info[1]
        $p.Path | Should -Be '/default-pool'
        $p.Type | Should -Be 'dir'
    }

    It 'has no volumes in default-pool, and net-dhcp-leases is NotSupported, as virsh says' {
        Invoke-Virsh 'test:///default' 'vol-list default-pool' | Where-Object { $_ -notmatch '^\s*(Name|-+)' } | Should -BeNullOrEmpty
        @(Get-VMStorageVolume -Uri test:///default -Pool default-pool).Count | Should -Be 0
        (Invoke-Virsh 'test:///default' 'net-dhcp-leases default') -join ' ' | Should -Match 'not supported'
        Get-VMNetworkDhcpLease -Uri test:///default default -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be (Get-FullId NotSupported GetVMNetworkDhcpLeaseCommand)
    }

    It 'makes volumes as python3-libvirt does on the test driver: key, path, sizes, format, the pool''s allocation' {
        $py = Invoke-Python @"
import libvirt
c = libvirt.open('test:///default'); p = c.storagePoolLookupByName('default-pool')
v = p.createXML("<volume><name>a.qcow2</name><capacity unit='G'>1</capacity><target><format type='qcow2'/></target></volume>", 0)
print(v.key(), v.path(), v.info()); print(p.info())
w = p.createXMLFrom("<volume><name>b</name><capacity>4096</capacity></volume>", v, 0); print(w.info())
try: p.createXML("<volume><name>big</name><capacity unit='TiB'>1</capacity></volume>", 0)
except libvirt.libvirtError as e: print(e.get_error_code(), e.get_error_message())
try: v.resize(2 << 30, 0)
except libvirt.libvirtError as e: print(e.get_error_code())
"@
        $u = New-TestUri
        [Libvirt.Drivers.Test.TestDriver]::ResetHost('test:///default')
        $v = New-VMStorageVolume -Uri test:///default -Pool default-pool -Name a.qcow2 -Capacity 1G -Format qcow2
        "$($v.Key) $($v.Path) [$([int]$v.Type), $($v.Capacity), $($v.Allocation)]" | Should -Be $py[0]
        $p = Get-VMStoragePool -Uri test:///default default-pool
        "[$([int]$p.State), $($p.Capacity), $($p.Allocation), $($p.Available)]" | Should -Be $py[1]
        $w = $v | Copy-VMStorageVolume -NewName b
        # The copy takes the capacity of the source here (the test driver keeps what the XML says; the module
        # writes the source's capacity into it), so compare the shape, not python's 4096.
        $w.Capacity | Should -Be $v.Capacity
        $w.Allocation | Should -Be $w.Capacity
        $w.Format | Should -Be 'qcow2'
        New-VMStorageVolume -Uri test:///default -Pool default-pool -Name big -Capacity 1TiB -ErrorVariable e -ErrorAction SilentlyContinue
        $py[3] | Should -Match '^1 internal error: Not enough free space'
        $e[0].Exception.Message | Should -Be ($py[3] -replace '^1 ', '')
        $e[0].FullyQualifiedErrorId | Should -Be (Get-FullId InternalError NewVMStorageVolumeCommand)
        $v | Resize-VMStorageVolume -Capacity 2G -ErrorVariable e2 -ErrorAction SilentlyContinue
        $py[4] | Should -Be '3'
        $e2[0].FullyQualifiedErrorId | Should -Be (Get-FullId NotSupported ResizeVMStorageVolumeCommand)
        Get-VMStorageVolume -Uri test:///default -Pool default-pool | Remove-VMStorageVolume -Confirm:$false
        (Get-VMStoragePool -Uri test:///default default-pool).Allocation | Should -Be 0
    }

    It 'refuses what the test driver refuses, with its codes: a running network undefined, an active pool started, a missing pool' {
        [Libvirt.Drivers.Test.TestDriver]::ResetHost('test:///default')
        $py = Invoke-Python @"
import libvirt
c = libvirt.open('test:///default')
for f in (lambda: c.networkLookupByName('default').undefine(), lambda: c.storagePoolLookupByName('default-pool').create(),
          lambda: c.storagePoolLookupByName('nosuch'), lambda: c.networkLookupByName('nosuch'),
          lambda: c.networkDefineXML('<network><name>default</name></network>')):
    try: f(); print('ok')
    except libvirt.libvirtError as e: print(e.get_error_code(), e.get_error_message())
"@
        $net = Get-VMNetwork -Uri test:///default default
        Remove-VMNetwork -Network $net -Confirm:$false -ErrorVariable e1 -ErrorAction SilentlyContinue
        "$([int]$e1[0].Exception.Code) $($e1[0].Exception.Message)" | Should -Be $py[0]
        $e1[0].FullyQualifiedErrorId | Should -Be (Get-FullId OperationInvalid RemoveVMNetworkCommand)
        Start-VMStoragePool -Uri test:///default default-pool -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -Be "Storage pool 'default-pool' is already active."
        $py[1] | Should -Match '^55 '
        Get-VMStoragePool -Uri test:///default nosuch -ErrorVariable e3 -ErrorAction SilentlyContinue
        $py[2] | Should -Match '^49 '
        $e3[0].FullyQualifiedErrorId | Should -Be (Get-FullId StoragePoolNotFound GetVMStoragePoolCommand)
        Get-VMNetwork -Uri test:///default nosuch -ErrorVariable e4 -ErrorAction SilentlyContinue
        $py[3] | Should -Match '^43 '
        $e4[0].FullyQualifiedErrorId | Should -Be (Get-FullId NetworkNotFound GetVMNetworkCommand)
        New-VMNetwork -Uri test:///default -Xml '<network><name>default</name></network>' -ErrorVariable e5 -ErrorAction SilentlyContinue
        "$([int]$e5[0].Exception.Code) $($e5[0].Exception.Message)" | Should -Be $py[4]
    }

    It 'defines, starts, autostarts, updates and removes a network, and the XML shows the DHCP host as virsh net-update makes it' {
        $u = New-TestUri
        $xml = "<network><name>lab</name><uuid>11111111-2222-4333-8444-555555555555</uuid><bridge name='virbr9'/><ip address='10.9.0.1' netmask='255.255.255.0'><dhcp><range start='10.9.0.10' end='10.9.0.20'/></dhcp></ip></network>"
        $n = New-VMNetwork -Uri $u -Xml $xml -Start -AutoStart
        $n.IsActive | Should -BeTrue
        $n.Autostart | Should -BeTrue
        $n.Bridge | Should -Be 'virbr9'
        Set-VMNetwork -Uri $u lab -AddDhcpHost -MacAddress 52:54:00:AA:00:01 -IPAddress 10.9.0.15 -HostName web
        $f = Join-Path $TestDrive 'lab.xml'
        Set-Content $f $xml
        $virsh = Invoke-Virsh 'test:///default' "net-define $f; net-start lab; net-update lab add ip-dhcp-host ""<host mac='52:54:00:aa:00:01' name='web' ip='10.9.0.15'/>"" --live --config; net-dumpxml lab"
        $c = Connect-VMHost -Uri $u
        $mineXml = [Libvirt.Engine.Drivers.DriverKinds]::Networks($c.Driver).GetXmlAsync((Get-VMNetwork -Uri $u lab).ToIdentity(), $false, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        ([xml]$mineXml).network.ip.dhcp.host.mac | Should -Be (([xml]($virsh -join "`n")).network.ip.dhcp.host.mac)
        ([xml]$mineXml).network.ip.dhcp.host.ip | Should -Be '10.9.0.15'
        Set-VMNetwork -Uri $u lab -AddDhcpHost -MacAddress 52:54:00:aa:00:01 -IPAddress 10.9.0.16 -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be (Get-FullId OperationInvalid SetVMNetworkCommand)
        Set-VMNetwork -Uri $u lab -RemoveDhcpHost -MacAddress 52:54:00:aa:00:01
        Remove-VMNetwork -Uri $u lab -Force
        Get-VMNetwork -Uri $u lab -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Disconnect-VMHost
    }

    It 'refuses bad parameters before asking a host: sizes, units, DHCP host combinations, a shrink without -Shrink' {
        { New-VMStorageVolume -Uri test:///default -Pool default-pool -Name x -Capacity 10Q -ErrorAction Stop } | Should -Throw -ErrorId (Get-FullId InvalidArgument NewVMStorageVolumeCommand)
        { New-VMStorageVolume -Uri test:///default -Pool default-pool -Name x -ErrorAction Stop } | Should -Throw -ErrorId (Get-FullId InvalidVolumeParameters NewVMStorageVolumeCommand)
        { Set-VMNetwork -Uri test:///default default -AddDhcpHost -MacAddress 52:54:00:00:00:01 -ErrorAction Stop } | Should -Throw -ErrorId (Get-FullId InvalidNetworkChange SetVMNetworkCommand)
        { Set-VMNetwork -Uri test:///default default -ErrorAction Stop } | Should -Throw -ErrorId (Get-FullId InvalidNetworkChange SetVMNetworkCommand)
        [Libvirt.Drivers.Test.TestDriver]::ResetHost('test:///default')
        $v = New-VMStorageVolume -Uri test:///default -Pool default-pool -Name s -Capacity 1M
        $v | Resize-VMStorageVolume -Capacity 1K -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be (Get-FullId InvalidArgument ResizeVMStorageVolumeCommand)
        $e[0].Exception.Message | Should -Match 'add -Shrink'
    }

    It 'defines a dir pool from -Name -TargetPath as virsh pool-define-as does, builds, starts, stops and removes it' {
        $u = New-TestUri
        $p = New-VMStoragePool -Uri $u -Name images -TargetPath /srv/images -Build -AutoStart -Start
        $p.State | Should -Be 'Running'
        $p.Path | Should -Be '/srv/images'
        $p.Autostart | Should -BeTrue
        $virsh = Invoke-Virsh 'test:///default' 'pool-define-as images dir --target /srv/images; pool-info images'
        ($virsh | Where-Object { $_ -match '^State:' }) -replace '^State:\s+', '' | Should -Be 'inactive'
        Get-VMStoragePool -Uri $u images | Stop-VMStoragePool -PassThru | ForEach-Object State | Should -Be 'Inactive'
        Get-VMStoragePool -Uri $u images | Stop-VMStoragePool -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -Be "Storage pool 'images' is not active."
        Remove-VMStoragePool -Uri $u images -Confirm:$false
        Get-VMStoragePool -Uri $u -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'loads <network> and <pool> (with <volume>s) from a node file, as libvirt''s test driver does' {
        $node = Join-Path $TestDrive 'storage-node.xml'
        Set-Content $node @"
<node>
  <network><name>n1</name><uuid>22222222-2222-4222-8222-222222222222</uuid><bridge name='br1'/></network>
  <pool type='dir'><name>p1</name><uuid>33333333-3333-4333-8333-333333333333</uuid><target><path>/p1</path></target>
    <volume><name>v1</name><capacity unit='MiB'>10</capacity><allocation>0</allocation></volume>
  </pool>
</node>
"@
        $u = "test://$node"
        $virshNets = Invoke-Virsh $u 'net-list --all' | ForEach-Object { ($_ -split '\s+' | Where-Object { $_ }) -join ' ' }
        Get-VMNetwork -Uri $u | ForEach-Object { "$($_.Name) $($_.State.ToLower()) $(if ($_.Autostart) { 'yes' } else { 'no' }) $(if ($_.Persistent) { 'yes' } else { 'no' })" } | Should -Be $virshNets
        $virshVols = Invoke-Virsh $u 'vol-list p1 --details' | ForEach-Object { ($_ -split '\s+' | Where-Object { $_ })[0..1] -join ' ' } | Where-Object { $_ -notmatch '^(Name|-)' }
        Get-VMStorageVolume -Uri $u -Pool p1 | ForEach-Object { "$($_.Name) $($_.Path)" } | Should -Be $virshVols
        (Get-VMStorageVolume -Uri $u -Pool p1 v1).Capacity | Should -Be 10MB
    }
}

Describe 'Storage and networks on real hosts (libvirt 9.0)' -Skip:(-not $HostsReady) {
    BeforeAll {
        $script:U = $env:LIBVIRT_PS_HOST1_URI
        $script:Dir = Join-Path $env:LIBVIRT_PS_STATE_DIR "host1/pools/pester-$PID"
    }
    AfterAll {
        Get-VMStoragePool -Uri $U "pester-$PID" -ErrorAction SilentlyContinue | ForEach-Object {
            Get-VMStorageVolume -StoragePool $_ -ErrorAction SilentlyContinue | Remove-VMStorageVolume -Force -ErrorAction SilentlyContinue
            $_ | Remove-VMStoragePool -Force -DeleteTarget -ErrorAction SilentlyContinue
        }
    }

    It 'makes a dir pool in the state dir, a qcow2 base and an overlay that qemu-img reads back, resizes and copies' {
        $p = New-VMStoragePool -Uri $U -Name "pester-$PID" -TargetPath $Dir -Build -Start
        $p.State | Should -Be 'Running'
        Test-Path $Dir | Should -BeTrue
        $base = New-VMStorageVolume -StoragePool $p -Name base.qcow2 -Capacity 64MiB -Format qcow2
        $ov = New-VMStorageVolume -StoragePool $p -Name ov.qcow2 -BackingVolume $base
        $info = & qemu-img info -U --output=json (Join-Path $Dir 'ov.qcow2') | ConvertFrom-Json
        $info.format | Should -Be 'qcow2'
        $info.'virtual-size' | Should -Be 64MB
        $info.'backing-filename' | Should -Be $base.Path
        $ov.BackingStore | Should -Be $base.Path
        $ov | Resize-VMStorageVolume -Capacity 128M -PassThru | ForEach-Object Capacity | Should -Be 128MB
        (& qemu-img info -U --output=json (Join-Path $Dir 'ov.qcow2') | ConvertFrom-Json).'virtual-size' | Should -Be 128MB
        $copy = $base | Copy-VMStorageVolume -NewName copy.raw -Format raw
        (& qemu-img info -U --output=json $copy.Path | ConvertFrom-Json).format | Should -Be 'raw'
        $virsh = Invoke-Virsh $U "vol-list pester-$PID" | Where-Object { $_ -notmatch '^\s*(Name|-+)' } | ForEach-Object { ($_ -split '\s+' | Where-Object { $_ })[0] } | Sort-Object
        Get-VMStorageVolume -StoragePool $p | ForEach-Object Name | Sort-Object | Should -Be $virsh
        Get-VMStorageVolume -StoragePool $p | Remove-VMStorageVolume -Force
        $p | Stop-VMStoragePool
        $p | Remove-VMStoragePool -DeleteTarget -Confirm:$false
        Test-Path $Dir | Should -BeFalse
    }

    It 'lists the network lvps with its bridge, and the real DHCP lease dnsmasq gave a MAC, as virsh net-dhcp-leases does' {
        $n = Get-VMNetwork -Uri $U $env:LIBVIRT_PS_NETWORK_NAME
        $n.IsActive | Should -BeTrue
        $n.Bridge | Should -Be $env:LIBVIRT_PS_HOST1_BRIDGE
        $mac = '52:54:00:7e:{0:x2}:{1:x2}' -f (Get-Random -Maximum 256), (Get-Random -Maximum 256)
        $ip = & bash $env:LIBVIRT_PS_LEASE_SH $env:LIBVIRT_PS_STATE_DIR 1 $mac pester
        $LASTEXITCODE | Should -Be 0
        try {
            # dnsmasq acks before libvirt's lease helper has written the lease down: wait for it (at most 10 s).
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            do {
                $lease = Get-VMNetworkDhcpLease -Uri $U $env:LIBVIRT_PS_NETWORK_NAME -MacAddress $mac
                if (-not $lease) { Start-Sleep -Milliseconds 200 }
            } until ($lease -or [DateTime]::UtcNow -gt $deadline)
            $lease.IPAddress | Should -Be $ip
            $lease.Hostname | Should -Be 'pester'
            $lease.Prefix | Should -Be 24
            $lease.ExpiryTime | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
            (Invoke-Virsh $U "net-dhcp-leases $($env:LIBVIRT_PS_NETWORK_NAME) --mac $mac") -join ' ' | Should -Match ([regex]::Escape("$ip/24"))
        }
        finally { & bash $env:LIBVIRT_PS_LEASE_SH $env:LIBVIRT_PS_STATE_DIR 1 --release $mac }
    }

    It 'adds and removes a DHCP host entry on the running network (NETWORK_UPDATE live and config)' {
        $name = $env:LIBVIRT_PS_NETWORK_NAME
        $ip = ($env:LIBVIRT_PS_HOST1_SUBNET -replace '\.0/24$', '.50')
        Set-VMNetwork -Uri $U $name -AddDhcpHost -MacAddress 52:54:00:7f:00:01 -IPAddress $ip -HostName fixed
        try {
            (Invoke-Virsh $U "net-dumpxml $name") -join ' ' | Should -Match "52:54:00:7f:00:01"
            (Invoke-Virsh $U "net-dumpxml $name --inactive") -join ' ' | Should -Match "52:54:00:7f:00:01"
        }
        finally { Set-VMNetwork -Uri $U $name -RemoveDhcpHost -MacAddress 52:54:00:7f:00:01 }
        (Invoke-Virsh $U "net-dumpxml $name") -join ' ' | Should -Not -Match "52:54:00:7f:00:01"
    }

    It 'defines, starts and removes a network of its own with dnsmasq running' {
        $br = 'lvpt' + ('{0:x6}' -f (Get-Random -Maximum 0xffffff))
        $sub = ($env:LIBVIRT_PS_HOST1_SUBNET -replace '^10\.(\d+)\.(\d+)\.0/24$', '10.$1.$2') -replace '\.\d+$', ('.' + (200 + (Get-Random -Maximum 50)))
        $xml = "<network><name>pester-$PID</name><bridge name='$br'/><ip address='$sub.1' netmask='255.255.255.0'><dhcp><range start='$sub.10' end='$sub.20'/></dhcp></ip></network>"
        $n = New-VMNetwork -Uri $U -Xml $xml -Start
        try {
            $n.IsActive | Should -BeTrue
            Get-Content (Join-Path $env:LIBVIRT_PS_STATE_DIR "host1/run/network/pester-$PID.pid") | Should -Match '^\d+$'
        }
        finally { Remove-VMNetwork -Uri $U "pester-$PID" -Force }
        Get-VMNetwork -Uri $U "pester-$PID" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'A host without network or storage drivers (host3: its root has only the QEMU driver)' -Skip:(-not $env:LIBVIRT_PS_HOST3_URI) {
    It 'reports NotSupported, the daemon''s own error, for networks and pools' {
        Get-VMNetwork -Uri $env:LIBVIRT_PS_HOST3_URI -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be (Get-FullId NotSupported GetVMNetworkCommand)
        Get-VMStoragePool -Uri $env:LIBVIRT_PS_HOST3_URI -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -Be (Get-FullId NotSupported GetVMStoragePoolCommand)
    }
}
