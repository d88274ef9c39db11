# Set-VMDomain and snapshots against real libvirtd (9.0 on host1, 11.3 on host3) with QEMU guests on qcow2 disks
# (issue 12): internal snapshots of a running and of a shut-off guest, revert, delete with children, disk-only
# (external) snapshots; virsh on the same host is the oracle. Guests idle in firmware, which is enough.
BeforeDiscovery {
    $script:HostsReady = [bool]$env:LIBVIRT_PS_HOST1_SOCK
    $script:Versions = @(@{ N = 1; Version = 'libvirt 9.0' })
    if ($env:LIBVIRT_PS_HOST3_URI -or $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') { $script:Versions += @{ N = 3; Version = 'libvirt 11.3' } }
}

BeforeAll {
    $module = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
    Import-Module $module -Force
    if (-not $env:LIBVIRT_PS_HOST1_SOCK -and $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') {
        throw 'LIBVIRT_PS_REQUIRE_HOSTS=1 but the real libvirt hosts are not running (LIBVIRT_PS_HOST1_SOCK is unset).'
    }
    function script:Invoke-Virsh([string] $Uri, [string[]] $Arguments) {
        $out = & virsh -q -c $Uri @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "virsh $Arguments failed: $out" }
        @($out | ForEach-Object { "$_".Trim() } | Where-Object { $_ })
    }
    # A guest with one qcow2 disk in the state folder (host3's daemon is chrooted; the state folder is bound
    # into its root at the same path, so both daemons see the file).
    function script:New-QcowGuest([string] $Uri, [string] $Name) {
        $dir = Join-Path $env:LIBVIRT_PS_STATE_DIR "snap-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        New-Item -ItemType Directory -Path $dir | Out-Null
        $disk = Join-Path $dir 'disk.qcow2'
        & qemu-img create -q -f qcow2 $disk 64M
        if ($LASTEXITCODE -ne 0) { throw "qemu-img create $disk failed" }
        $xml = @"
<domain type='qemu'>
  <name>$Name</name>
  <memory unit='MiB'>64</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$disk'/><target dev='vda' bus='virtio'/></disk>
    <memballoon model='none'/>
  </devices>
</domain>
"@
        New-VMDomain -Uri $Uri -Xml $xml | Out-Null
        @{ Dir = $dir; Disk = $disk }
    }
    function script:Remove-QcowGuest([string] $Uri, [string] $Name, [string] $Dir) {
        if (Get-VMDomain -Uri $Uri -Name $Name -ErrorAction SilentlyContinue) {
            & virsh -q -c $Uri destroy $Name 2>&1 | Out-Null
            & virsh -q -c $Uri undefine $Name --snapshots-metadata 2>&1 | Out-Null
        }
        if ($Dir) { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }
    }
}

Describe 'Set-VMDomain and snapshots on QEMU (<Version>)' -Skip:(-not $HostsReady) -ForEach $Versions {
    BeforeAll {
        $script:Uri = [Environment]::GetEnvironmentVariable("LIBVIRT_PS_HOST${N}_URI")
        if (-not $Uri) { throw "host$N is not running (LIBVIRT_PS_HOST${N}_URI is unset)" }
        $script:Name = "cfg$N-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $script:Guest = New-QcowGuest $Uri $Name
    }
    AfterAll { Remove-QcowGuest $Uri $Name $Guest.Dir }

    It 'changes a shut-off guest''s definition: vCPUs, memory, maximum memory, title, description, autostart' {
        $d = Set-VMDomain -Uri $Uri -Name $Name -VCpus 1 -MaxMemoryMB 96 -MemoryMB 80 -Title 'cfg guest' -Description "line 1`nline 2" -AutoStart $true -PassThru
        $d.VCpus | Should -Be 1
        $d.MaxMemoryMB | Should -Be 96
        $d.MemoryMB | Should -Be 80
        $d.Autostart | Should -BeTrue
        (Invoke-Virsh $Uri @('desc', $Name, '--title')) | Should -Be 'cfg guest'
        (Invoke-Virsh $Uri @('desc', $Name)) -join "`n" | Should -Be "line 1`nline 2"
        (Invoke-Virsh $Uri @('vcpucount', $Name, '--config', '--current')) | Should -Be '1'
        (Invoke-Virsh $Uri @('dominfo', $Name)) -match '^Max memory:\s+98304 KiB' | Should -Not -BeNullOrEmpty
        Set-VMDomain -Uri $Uri -Name $Name -VCpus 2 -AutoStart $false
    }

    It 'changes a running guest live and in its definition, and refuses a live maximum memory before changing anything' {
        Start-VMDomain -Uri $Uri -Name $Name
        Set-VMDomain -Uri $Uri -Name $Name -Title 'live title' -Live -Config
        (Invoke-Virsh $Uri @('desc', $Name, '--title', '--live')) | Should -Be 'live title'
        (Invoke-Virsh $Uri @('desc', $Name, '--title', '--config')) | Should -Be 'live title'
        Set-VMDomain -Uri $Uri -Name $Name -VCpus 1 -Config
        (Invoke-Virsh $Uri @('vcpucount', $Name, '--config', '--current')) | Should -Be '1'
        (Invoke-Virsh $Uri @('vcpucount', $Name, '--live', '--current')) | Should -Be '2'
        Set-VMDomain -Uri $Uri -Name $Name -Title 'x' -MaxMemoryMB 128 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'OperationInvalid,Libvirt.PowerShell.Commands.SetVMDomainCommand'
        (Invoke-Virsh $Uri @('desc', $Name, '--title', '--live')) | Should -Be 'live title'
        Set-VMDomain -Uri $Uri -Name $Name -NewName "$Name-x" -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].Exception.Message | Should -Match 'cannot rename active domain'
    }

    It 'takes an internal snapshot of the running guest (memory and disk) that virsh lists' {
        $s = Checkpoint-VMDomain -Uri $Uri -Name $Name -SnapshotName run1 -Description 'running' -PassThru
        $s.State | Should -Be running
        $s.Kind | Should -Be internal
        $s.IsCurrent | Should -BeTrue
        Invoke-Virsh $Uri @('snapshot-list', $Name, '--name') | Should -Be @('run1')
        (Invoke-Virsh $Uri @('snapshot-current', $Name, '--name')) | Should -Be 'run1'
        # The snapshot is in the qcow2 image itself.
        (& qemu-img snapshot -l -U $Guest.Disk | Out-String) | Should -Match 'run1'
    }

    It 'takes an internal snapshot of the shut-off guest, a child of the current one' {
        Stop-VMDomain -Uri $Uri -Name $Name -TurnOff -Force
        Checkpoint-VMDomain -Uri $Uri -Name $Name -SnapshotName off1
        Checkpoint-VMDomain -Uri $Uri -Name $Name -SnapshotName off2
        $all = Get-VMDomainSnapshot -Uri $Uri -Name $Name
        $all.Name | Should -Be run1, off1, off2
        ($all | Where-Object Name -eq off1).Parent | Should -Be run1
        ($all | Where-Object Name -eq off1).State | Should -Be shutoff
        (Invoke-Virsh $Uri @('snapshot-parent', $Name, 'off2')) | Should -Be 'off1'
        (Get-VMDomainSnapshot -Uri $Uri -Name $Name -Current).Name | Should -Be off2
    }

    It 'reverts the shut-off guest to the running snapshot: it runs again' {
        $d = Restore-VMDomainSnapshot -Uri $Uri -Name $Name -SnapshotName run1 -Force -PassThru
        "$($d.State)" | Should -Be Running
        (Invoke-Virsh $Uri @('domstate', $Name)) | Should -Be 'running'
        (Invoke-Virsh $Uri @('snapshot-current', $Name, '--name')) | Should -Be 'run1'
    }

    It 'reverts to a shut-off snapshot: the guest stops' {
        Get-VMDomainSnapshot -Uri $Uri -Name $Name -SnapshotName off1 | Restore-VMDomainSnapshot -Force
        (Invoke-Virsh $Uri @('domstate', $Name)) | Should -Be 'shut off'
    }

    It 'deletes a snapshot with its children, in the image too' {
        Get-VMDomain -Uri $Uri -Name $Name | Get-VMDomainSnapshot -SnapshotName off1 | Remove-VMDomainSnapshot -IncludeChildren -Force
        Invoke-Virsh $Uri @('snapshot-list', $Name, '--name') | Should -Be @('run1')
        $images = & qemu-img snapshot -l -U $Guest.Disk | Out-String
        $images | Should -Not -Match 'off1'
        $images | Should -Not -Match 'off2'
    }

    It 'takes a disk-only (external) snapshot of the running guest: a new overlay file becomes its disk' {
        Start-VMDomain -Uri $Uri -Name $Name
        $s = Checkpoint-VMDomain -Uri $Uri -Name $Name -SnapshotName ext1 -DiskOnly -PassThru
        $s.Kind | Should -Be disk-only
        $s.State | Should -Be disk-snapshot
        $source = ([xml](Get-VMDomainXml -Uri $Uri -Name $Name)).domain.devices.disk.source.file
        $source | Should -Not -Be $Guest.Disk
        Test-Path $source | Should -BeTrue
        (& qemu-img info -U $source | Out-String) | Should -Match ([regex]::Escape($Guest.Disk))
        (Invoke-Virsh $Uri @('snapshot-list', $Name, '--name')) | Should -Contain 'ext1'
    }

    It '-Keep 1 keeps the newest; QEMU''s refusal to delete an internal snapshot under an overlay is reported, not hidden' {
        Get-VMDomainSnapshot -Uri $Uri -Name $Name | Remove-VMDomainSnapshot -Keep 1 -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'NotSupported,Libvirt.PowerShell.Commands.RemoveVMDomainSnapshotCommand'
        $err[0].Exception.Message | Should -Match "internal snapshot 'run1'"
        (Invoke-Virsh $Uri @('snapshot-list', $Name, '--name')) | Sort-Object | Should -Be @('ext1', 'run1')
    }
}
