BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# The embedded test hypervisor against libvirt's own test driver (issue 12): the same node file and the same
# steps through virsh (libvirt's C client, running libvirt's test driver in its own process) and through the
# module. Needs virsh, which tests/hosts/setup.sh installs; without it these are skipped unless hosts are required.
BeforeDiscovery {
    $script:NoVirsh = -not (Get-Command virsh -ErrorAction SilentlyContinue) -and $env:LIBVIRT_PS_REQUIRE_HOSTS -ne '1'
}

Describe 'Embedded test hypervisor = libvirt''s test driver' -Skip:$NoVirsh {
    BeforeAll {
        $script:Node = Join-Path $TestDrive 'parity-node.xml'
        Set-Content $Node @"
<node>
  <cpu><mhz>2000</mhz><model>x86_64</model><active>12</active><nodes>1</nodes><sockets>2</sockets><cores>4</cores><threads>2</threads></cpu>
  <domain type='kvm' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>k1</name><uuid>00000000-0000-4000-8000-000000000001</uuid><memory unit='mib'>256</memory><os><type>hvm</type></os><test:runstate>4</test:runstate></domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>p1</name><uuid>00000000-0000-4000-8000-000000000002</uuid><memory unit='MiB'>256</memory><os><type>hvm</type></os><on_poweroff>restart</on_poweroff><test:runstate>3</test:runstate></domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>s1</name><uuid>00000000-0000-4000-8000-000000000003</uuid><memory unit='MiB'>256</memory><os><type>hvm</type></os><test:runstate>5</test:runstate><test:hasmanagedsave/></domain>
  <domain type='test'><name>numa</name><uuid>00000000-0000-4000-8000-000000000004</uuid><vcpu>4</vcpu><os><type>hvm</type></os><cpu><numa><cell id='0' cpus='0-1' memory='512' unit='MiB'/><cell id='1' cpus='2-3' memory='256' unit='MiB'/></numa></cpu></domain>
</node>
"@
        $script:NodeUri = "test://$Node"
        # virsh runs every command of one call on one connection, so the test driver's state carries through.
        function script:Invoke-Virsh([string] $Uri, [string] $Commands) {
            $out = & virsh -q -c $Uri $Commands 2>&1
            ($out | ForEach-Object { "$_" } | Where-Object { $_ -ne '' })
        }
        $script:VirshState = @{ 'running' = 'Running'; 'paused' = 'Paused'; 'shut off' = 'ShutOff'; 'in shutdown' = 'ShuttingDown' }
        Disconnect-VMHost
    }
    AfterAll { Disconnect-VMHost }

    It 'reports the host as virsh nodeinfo does, for test:///default and for a node file with <active>' {
        foreach ($u in 'test:///default', $NodeUri) {
            $info = Invoke-Virsh $u 'nodeinfo'
            $h = Get-VMHost -Uri $u
            $h.Cpus | Should -Be ([int](($info | Where-Object { $_ -match '^CPU\(s\):' }) -replace '\D', '')) -Because $u
            $h.MemoryMB | Should -Be ([long](($info | Where-Object { $_ -match '^Memory size:' }) -replace '\D', '') / 1024) -Because $u
            $h.CpuModel | Should -Be (($info | Where-Object { $_ -match '^CPU model:' }) -replace '^CPU model:\s+', '') -Because $u
        }
    }

    It 'loads the node file''s domains with the states and reasons virsh shows (kvm type, runstate 4, managed save, NUMA memory)' {
        $virsh = Invoke-Virsh $NodeUri 'domstate --reason k1; domstate --reason p1; domstate --reason s1; domstate --reason numa; dominfo numa'
        $mine = Get-VMDomain -Uri $NodeUri -Name k1, p1, s1, numa
        for ($i = 0; $i -lt 4; $i++) {
            $virsh[$i] -match '^(.+) \((.+)\)$' | Should -BeTrue
            "$($mine[$i].State)" | Should -Be $VirshState[$Matches[1]] -Because $mine[$i].Name
            "$($mine[$i].StateReason)" | Should -Be ((Get-Culture).TextInfo.ToTitleCase($Matches[2])) -Because $mine[$i].Name
        }
        $maxKiB = [long](($virsh | Where-Object { $_ -match '^Max memory:' }) -replace '\D', '')
        $mine[3].MaxMemoryMB | Should -Be ($maxKiB / 1024)
    }

    It 'the same steps end in the same states: shutdown of a paused domain with on_poweroff restart, of one in shutdown, suspend of a paused one' {
        $virsh = Invoke-Virsh $NodeUri 'shutdown p1; domstate --reason p1; shutdown k1; domstate --reason k1; suspend numa; suspend numa; domstate --reason numa'
        ($virsh | Where-Object { $_ -match '^error:' -and $_ -notmatch 'Failed to' }) | Should -Be "error: internal error: domain 'numa' not running"
        Stop-VMDomain -Uri $NodeUri -Name p1
        Stop-VMDomain -Uri $NodeUri -Name k1
        Suspend-VMDomain -Uri $NodeUri -Name numa
        Suspend-VMDomain -Uri $NodeUri -Name numa -WarningAction SilentlyContinue   # the module only warns; libvirt's error is above
        $states = $virsh | Where-Object { $_ -match '^\w.* \(\w+\)$' }
        $mine = Get-VMDomain -Uri $NodeUri -Name p1, k1, numa
        for ($i = 0; $i -lt 3; $i++) {
            $states[$i] -match '^(.+) \((.+)\)$' | Should -BeTrue
            "$($mine[$i].State)" | Should -Be $VirshState[$Matches[1]] -Because $mine[$i].Name
            "$($mine[$i].StateReason)" | Should -Be ((Get-Culture).TextInfo.ToTitleCase($Matches[2])) -Because $mine[$i].Name
        }
    }

    It 'refuses to undefine a domain with a managed save image with libvirt''s text' {
        $virsh = Invoke-Virsh $NodeUri 'undefine s1'
        $expected = ($virsh | Where-Object { $_ -match '^error: (?!Failed)' }) -replace '^error: ', ''
        Remove-VMDomain -Uri $NodeUri -Name s1 -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'OperationInvalid,Libvirt.PowerShell.Commands.RemoveVMDomainCommand'
        "Requested operation is not valid: $($err[0].Exception.Message -replace '^Requested operation is not valid: ', '')" | Should -Be "Requested operation is not valid: $($expected -replace '^Requested operation is not valid: ', '')"
        Get-VMDomain -Uri $NodeUri -Name s1 | Should -Not -BeNullOrEmpty
    }

    It 'returns the XML virsh dumpxml returns, element for element' {
        $xml = "<domain type='test'><name>shape</name><uuid>00000000-0000-4000-8000-0000000000aa</uuid><memory unit='MiB'>1</memory><os><type>hvm</type></os><on_reboot>destroy</on_reboot></domain>"
        $file = Join-Path $TestDrive 'shape.xml'
        Set-Content $file $xml
        $out = @(Invoke-Virsh 'test:///default' "define $file; dumpxml shape")
        $theirs = [xml](($out | Select-Object -Skip ([array]::FindIndex([string[]]$out, [Predicate[string]] { $args[0] -like '<domain*' }))) -join "`n")
        $uri = New-TestUri
        New-VMDomain -Uri $uri -Xml $xml | Out-Null
        $mine = [xml](Get-VMDomainXml -Uri $uri -Name shape)
        function Flatten($e, $path = '') {
            $p = "$path/$($e.LocalName)"
            $attrs = ($e.Attributes | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ','
            $text = ($e.ChildNodes | Where-Object NodeType -eq 'Text' | ForEach-Object Value) -join ''
            "$p[$attrs]$($text.Trim())"
            foreach ($c in $e.ChildNodes | Where-Object NodeType -eq 'Element') { Flatten $c $p }
        }
        Flatten $mine.DocumentElement | Should -Be @(Flatten $theirs.DocumentElement)
    }

    It 'refuses bad definitions with the codes of libvirt''s parser (python3-libvirt)' -Skip:(-not (Test-Path /usr/bin/python3)) {
        $cases = @(
            "<domain type='test'><name>x</name><os><type>hvm</type></os></domain>",
            "<domain type='test'><name>x</name><memory>1</memory></domain>",
            "<domain type='foo'><name>x</name><memory>1</memory><os><type>hvm</type></os></domain>",
            "<domain type='test'><memory>1</memory><os><type>hvm</type></os></domain>",
            "<domain type='test'><name>x</name><memory unit='parsec'>1</memory><os><type>hvm</type></os></domain>",
            "<domain type='test'><name>x</name"
        )
        $py = 'import libvirt, sys' + "`n" + 'c = libvirt.open("test:///default")' + "`n" +
            'for x in sys.argv[1:]:' + "`n" + '    try: c.defineXML(x); print(0)' + "`n" + '    except libvirt.libvirtError as e: print(e.get_error_code())'
        $codes = @(& /usr/bin/python3 -c $py @cases 2>$null)
        $codes.Count | Should -Be $cases.Count
        $uri = New-TestUri
        for ($i = 0; $i -lt $cases.Count; $i++) {
            New-VMDomain -Uri $uri -Xml $cases[$i] -ErrorVariable err -ErrorAction SilentlyContinue
            [int]$err[0].Exception.Code | Should -Be ([int]$codes[$i]) -Because $cases[$i]
        }
    }
}
