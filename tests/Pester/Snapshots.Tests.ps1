BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# Checkpoint-VMDomain, Get-/Restore-/Remove-VMDomainSnapshot on the embedded test hypervisor.
Describe 'Domain snapshots' {
    BeforeEach {
        $script:uri = New-TestHost -Running web -Stopped db
    }

    It 'takes snapshots whose parent is the current one, oldest first, the newest current' {
        Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s1 -Description 'before the update'
        $s2 = Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s2 -PassThru
        $s2.Parent | Should -Be s1
        $s2.IsCurrent | Should -BeTrue
        $s2.State | Should -Be running
        $s2.Domain | Should -Be web
        $all = Get-VMDomainSnapshot -Uri $uri -Name web
        $all.Name | Should -Be s1, s2
        $all[0].Description | Should -Be 'before the update'
        $all[0].IsCurrent | Should -BeFalse
        $all[0].CreationTime | Should -BeLessOrEqual (Get-Date)
        (Get-VMDomainSnapshot -Uri $uri -Name web -Current).Name | Should -Be s2
    }

    It 'names a snapshot "<domain> - (date - time)" by default, as Hyper-V does' {
        $s = Checkpoint-VMDomain -Uri $uri -Name db -PassThru
        $s.Name | Should -Match '^db - \(\d{4}-\d\d-\d\d - \d\d:\d\d:\d\d\)$'
        $s.State | Should -Be shutoff
    }

    It 'selects snapshots with wildcards, from the pipeline of Get-VMDomain, and reports a plain name that is missing' {
        'a1', 'a2', 'b1' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        (Get-VMDomain -Uri $uri -Name web | Get-VMDomainSnapshot -SnapshotName a*).Name | Should -Be a1, a2
        Get-VMDomainSnapshot -Uri $uri -Name web -SnapshotName zz* | Should -BeNullOrEmpty
        Get-VMDomainSnapshot -Uri $uri -Name web -SnapshotName nope -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId SnapshotNotFound GetVMDomainSnapshotCommand)
    }

    It 'refuses a snapshot name the domain has: OperationFailed' {
        Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s1
        Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId OperationFailed CheckpointVMDomainCommand)
        $err[0].Exception.Message | Should -Be 'operation failed: domain moment s1 already exists'
    }

    It 'refuses -DiskOnly as libvirt''s test driver does: InvalidArgument' {
        Checkpoint-VMDomain -Uri $uri -Name web -DiskOnly -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId InvalidArgument CheckpointVMDomainCommand)
        Get-VMDomainSnapshot -Uri $uri -Name web | Should -BeNullOrEmpty
    }

    It 'restores the state and definition of a snapshot, which becomes current' {
        Checkpoint-VMDomain -Uri $uri -Name db -SnapshotName off
        Set-VMDomain -Uri $uri -Name db -VCpus 1
        Start-VMDomain -Uri $uri -Name db
        Checkpoint-VMDomain -Uri $uri -Name db -SnapshotName on
        Restore-VMDomainSnapshot -Uri $uri -Name db -SnapshotName off -Force -PassThru | ForEach-Object { "$($_.State)"; $_.VCpus } | Should -Be 'ShutOff', 2
        (Get-VMDomainSnapshot -Uri $uri -Name db -Current).Name | Should -Be off
        $d = Get-VMDomainSnapshot -Uri $uri -Name db -SnapshotName on | Restore-VMDomainSnapshot -Force -PassThru
        "$($d.State)" | Should -Be Running
        $d.StateReason | Should -Be FromSnapshot
        $d.VCpus | Should -Be 1
    }

    It 'restores the current snapshot when no -SnapshotName is given, and says when there is none' {
        Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s1
        Stop-VMDomain -Uri $uri -Name web -Force
        (Restore-VMDomainSnapshot -Uri $uri -Name web -Force -PassThru).State | Should -Be Running
        Restore-VMDomainSnapshot -Uri $uri -Name db -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId SnapshotNotFound RestoreVMDomainSnapshotCommand)
    }

    It 'restores to one snapshot per domain: several selected is InvalidArgument and nothing changes' {
        'a1', 'a2' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        Restore-VMDomainSnapshot -Uri $uri -Name web -SnapshotName a* -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId InvalidArgument RestoreVMDomainSnapshotCommand)
        (Get-VMDomainSnapshot -Uri $uri -Name web -Current).Name | Should -Be a2
    }

    It 'Restore asks first (ConfirmImpact High); -WhatIf restores nothing' {
        (Get-Command Restore-VMDomainSnapshot).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be High
        Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s1
        Stop-VMDomain -Uri $uri -Name web -Force
        Restore-VMDomainSnapshot -Uri $uri -Name web -SnapshotName s1 -WhatIf
        (Get-VMDomain -Uri $uri -Name web).State | Should -Be ShutOff
    }

    It 'deletes a snapshot and gives its children its parent' {
        's1', 's2', 's3' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        Remove-VMDomainSnapshot -Uri $uri -Name web -SnapshotName s2 -Force
        $all = Get-VMDomainSnapshot -Uri $uri -Name web
        $all.Name | Should -Be s1, s3
        $all[1].Parent | Should -Be s1
        $all[1].IsCurrent | Should -BeTrue
    }

    It 'deletes a snapshot with its children (-IncludeChildren), once each, from the pipeline' {
        's1', 's2', 's3' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        Checkpoint-VMDomain -Uri $uri -Name db -SnapshotName d1
        Get-VMDomain -Uri $uri | Get-VMDomainSnapshot -SnapshotName s1, s2 -ErrorAction SilentlyContinue | Remove-VMDomainSnapshot -IncludeChildren -Force -ErrorVariable err
        $err | Should -BeNullOrEmpty
        Get-VMDomainSnapshot -Uri $uri -Name web | Should -BeNullOrEmpty
        (Get-VMDomainSnapshot -Uri $uri -Name db).Name | Should -Be d1
    }

    It 'keeps the newest N (-Keep) and deletes only those older than -OlderThan' {
        's1', 's2', 's3', 's4' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        Get-VMDomain -Uri $uri -Name web | Get-VMDomainSnapshot | Remove-VMDomainSnapshot -Keep 2 -Force
        (Get-VMDomainSnapshot -Uri $uri -Name web).Name | Should -Be s3, s4
        Remove-VMDomainSnapshot -Uri $uri -Name web -OlderThan (Get-Date).AddDays(-1) -Force
        (Get-VMDomainSnapshot -Uri $uri -Name web).Name | Should -Be s3, s4
        Remove-VMDomainSnapshot -Uri $uri -Name web -OlderThan (Get-Date).AddDays(1) -Force
        Get-VMDomainSnapshot -Uri $uri -Name web | Should -BeNullOrEmpty
    }

    It 'Remove -WhatIf names each snapshot and deletes nothing' {
        's1', 's2' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        Remove-VMDomainSnapshot -Uri $uri -Name web -WhatIf
        (Get-VMDomainSnapshot -Uri $uri -Name web).Count | Should -Be 2
    }

    It 'shows snapshots in a table with the columns Name, Parent, CreationTime, State, IsCurrent, Description' {
        Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName s1 -Description note
        $text = Get-VMDomainSnapshot -Uri $uri -Name web | Out-String -Width 200
        $text | Should -Match 'Name\s+Parent\s+CreationTime\s+State\s+IsCurrent\s+Description'
        $text | Should -Match 's1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+running\s+True\s+note'
    }

    It 'completes -SnapshotName with the snapshots of the -Name domain' {
        'alpha', 'beta' | ForEach-Object { Checkpoint-VMDomain -Uri $uri -Name web -SnapshotName $_ }
        $line = "Get-VMDomainSnapshot -Uri $uri -Name web -SnapshotName a"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be alpha
    }
}

# The embedded test hypervisor's snapshots against libvirt's own test driver (python3-libvirt, same steps).
BeforeDiscovery {
    & /usr/bin/python3 -c 'import libvirt' 2>$null
    $script:NoPythonLibvirt = $LASTEXITCODE -ne 0 -and $env:LIBVIRT_PS_REQUIRE_HOSTS -ne '1'
}

Describe 'Snapshot parity with libvirt''s test driver' -Skip:$NoPythonLibvirt {
    It 'gives the same parents, current snapshot, states and errors' {
        $node = Join-Path $TestDrive 'snap-node.xml'
        Set-Content $node @"
<node>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>d</name><uuid>00000000-0000-4000-8000-0000000000b1</uuid><memory unit='MiB'>256</memory><os><type>hvm</type></os><test:runstate>1</test:runstate></domain>
</node>
"@
        $steps = 'create|s1', 'create|s2', 'create|s2', 'create|s3', 'revert|s1', 'create|s4', 'destroy', 'create|s5', 'revert|s2', 'delete|s1|0', 'delete|s4|1', 'lookup|nope', 'diskonly|x', 'revert|s2'
        $py = @'
import sys, libvirt
c = libvirt.open(sys.argv[1]); d = c.lookupByName('d')
for step in sys.argv[2:]:
    p = step.split('|')
    try:
        if p[0] == 'create': d.snapshotCreateXML('<domainsnapshot><name>%s</name></domainsnapshot>' % p[1], 0)
        elif p[0] == 'diskonly': d.snapshotCreateXML('<domainsnapshot><name>%s</name></domainsnapshot>' % p[1], 16)
        elif p[0] == 'revert': d.revertToSnapshot(d.snapshotLookupByName(p[1], 0), 0)
        elif p[0] == 'delete': d.snapshotLookupByName(p[1], 0).delete(int(p[2]))
        elif p[0] == 'lookup': d.snapshotLookupByName(p[1], 0)
        elif p[0] == 'destroy': d.destroy()
        r = 'OK'
    except libvirt.libvirtError as e:
        r = 'ERR|%d|%s' % (e.get_error_code(), e.get_error_message())
    snaps = sorted(d.listAllSnapshots(0), key=lambda s: s.getName())
    def parent(s):
        try: return s.getParent().getName()
        except libvirt.libvirtError: return '-'
    cur = d.snapshotCurrent(0).getName() if d.hasCurrentSnapshot(0) else '-'
    print('%s|%s|cur=%s|state=%d|%s' % (step, r, cur, d.state()[0], ','.join('%s<%s' % (s.getName(), parent(s)) for s in snaps)))
'@
        $expected = @(& /usr/bin/python3 -c $py "test://$node" @steps 2>$null)
        $u = "test://$node"
        $actual = foreach ($step in $steps) {
            $p = $step.Split('|')
            $r = 'OK'
            try {
                switch ($p[0]) {
                    'create' { Checkpoint-VMDomain -Uri $u -Name d -SnapshotName $p[1] -ErrorAction Stop }
                    'diskonly' { Checkpoint-VMDomain -Uri $u -Name d -SnapshotName $p[1] -DiskOnly -ErrorAction Stop }
                    'revert' { Restore-VMDomainSnapshot -Uri $u -Name d -SnapshotName $p[1] -Force -ErrorAction Stop }
                    'delete' { Remove-VMDomainSnapshot -Uri $u -Name d -SnapshotName $p[1] -IncludeChildren:($p[2] -eq '1') -Force -ErrorAction Stop }
                    'lookup' {
                        $conn = Connect-VMHost -Uri $u
                        try { [Libvirt.Engine.Drivers.DriverKinds]::Snapshots($conn.Driver).LookupByNameAsync((Get-VMDomain -Uri $u d).ToIdentity(), $p[1], [Threading.CancellationToken]::None).GetAwaiter().GetResult() }
                        finally { Disconnect-VMHost -Connection $conn }
                    }
                    'destroy' { Stop-VMDomain -Uri $u -Name d -Force -ErrorAction Stop }
                }
            }
            catch {
                $e = $_.Exception
                while ($e -and $e -isnot [Libvirt.Engine.Errors.LibvirtException]) { $e = $e.InnerException }
                $r = 'ERR|{0}|{1}' -f [int]$e.Code, $e.Message
            }
            $snaps = @(Get-VMDomainSnapshot -Uri $u -Name d | Sort-Object Name)
            $cur = ($snaps | Where-Object IsCurrent).Name
            $state = [int](Get-VMDomain -Uri $u d).State
            '{0}|{1}|cur={2}|state={3}|{4}' -f $step, $r, ($cur ?? '-'), $state, (($snaps | ForEach-Object { '{0}<{1}' -f $_.Name, ($_.Parent ?? '-') }) -join ',')
        }
        $expected.Count | Should -Be $steps.Count
        for ($i = 0; $i -lt $steps.Count; $i++) { $actual[$i] | Should -Be $expected[$i] }
    }
}
