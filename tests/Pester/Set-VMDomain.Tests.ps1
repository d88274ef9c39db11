BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# Set-VMDomain on the embedded test hypervisor: each setting, -Live/-Config/current, the order of several
# settings, checks before any change, -WhatIf, -PassThru and the pipeline.
Describe 'Set-VMDomain' {
    BeforeEach {
        $script:uri = New-TestHost -Running web -Stopped db
        function script:Config([string] $Name) { [xml](Get-VMDomainXml -Uri $uri -Name $Name -Inactive) }
        function script:Live([string] $Name) { [xml](Get-VMDomainXml -Uri $uri -Name $Name) }
    }

    It 'changes a running domain live by default, leaving its definition as it was' {
        $d = Set-VMDomain -Uri $uri -Name web -VCpus 1 -MemoryMB 256 -PassThru
        $d.VCpus | Should -Be 1
        $d.MemoryMB | Should -Be 256
        (Config web).domain.vcpu.'#text' | Should -Be '2'
        (Config web).domain.vcpu.current | Should -BeNullOrEmpty
        (Config web).domain.currentMemory.'#text' | Should -Be '524288'
        Stop-VMDomain -Uri $uri -Name web -Force
        (Get-VMDomain -Uri $uri -Name web).VCpus | Should -Be 2
    }

    It 'changes only the definition with -Config, and both with -Live -Config' {
        Set-VMDomain -Uri $uri -Name web -VCpus 1 -Config
        (Get-VMDomain -Uri $uri -Name web).VCpus | Should -Be 2
        (Config web).domain.vcpu.current | Should -Be '1'
        Set-VMDomain -Uri $uri -Name web -Title 'front end' -Live -Config
        (Live web).domain.title | Should -Be 'front end'
        (Config web).domain.title | Should -Be 'front end'
    }

    It 'changes a shut-off domain''s definition by default' {
        Set-VMDomain -Uri $uri -Name db -VCpus 1 -MaxMemoryMB 1024 -MemoryMB 768 -Description "two`nlines"
        $x = Config db
        $x.domain.vcpu.current | Should -Be '1'
        $x.domain.memory.'#text' | Should -Be '1048576'
        $x.domain.currentMemory.'#text' | Should -Be '786432'
        $x.domain.description | Should -Be "two`nlines"
        $d = Get-VMDomain -Uri $uri -Name db
        $d.MaxMemoryMB | Should -Be 1024
        $d.MemoryMB | Should -Be 768
    }

    It 'raises the maximum memory before the memory, so both can grow in one call' {
        Set-VMDomain -Uri $uri -Name db -MemoryMB 2048 -MaxMemoryMB 4096 -PassThru | ForEach-Object MemoryMB | Should -Be 2048
    }

    It 'lowers the current memory with the maximum memory' {
        Set-VMDomain -Uri $uri -Name db -MaxMemoryMB 128 -PassThru | ForEach-Object { $_.MemoryMB, $_.MaxMemoryMB } | Should -Be 128, 128
    }

    It 'removes a title or description given as an empty string' {
        Set-VMDomain -Uri $uri -Name db -Title t -Description d
        Set-VMDomain -Uri $uri -Name db -Title '' -Description ''
        (Config db).domain.title | Should -BeNullOrEmpty
        (Config db).domain.description | Should -BeNullOrEmpty
    }

    It 'renames a shut-off domain, last, after its other settings, and keeps its UUID' {
        $before = Get-VMDomain -Uri $uri -Name db
        $d = Get-VMDomain -Uri $uri -Name db | Set-VMDomain -NewName db2 -VCpus 1 -AutoStart $true -PassThru
        $d.Name | Should -Be db2
        $d.Uuid | Should -Be $before.Uuid
        $d.Autostart | Should -BeTrue
        $d.VCpus | Should -Be 1
        Get-VMDomain -Uri $uri -Name db -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'sets autostart on and off' {
        Set-VMDomain -Uri $uri -Name db -AutoStart $true -PassThru | ForEach-Object Autostart | Should -BeTrue
        Set-VMDomain -Uri $uri -Name db -AutoStart $false -PassThru | ForEach-Object Autostart | Should -BeFalse
    }

    Context 'checks everything before the first change' {
        It '<Why>: <Id>, nothing changed' -ForEach @(
            @{ Why = 'more vCPUs than the maximum'; Name = 'web'; Params = @{ VCpus = 3; Title = 'x' }; Id = 'InvalidArgument'; Text = 'requested cpu amount exceeds maximum (3 > 2)' }
            @{ Why = 'memory above the maximum'; Name = 'db'; Params = @{ MemoryMB = 1024; Title = 'x' }; Id = 'InvalidArgument'; Text = 'cannot set memory higher than max memory' }
            @{ Why = 'memory above a new, lower maximum'; Name = 'db'; Params = @{ MemoryMB = 300; MaxMemoryMB = 256 }; Id = 'InvalidArgument'; Text = 'cannot set memory higher than max memory' }
            @{ Why = 'maximum memory of a running domain'; Name = 'web'; Params = @{ MaxMemoryMB = 1024; VCpus = 1 }; Id = 'OperationInvalid'; Text = 'cannot resize the maximum memory on an active domain' }
            @{ Why = 'renaming a running domain'; Name = 'web'; Params = @{ NewName = 'w2'; VCpus = 1 }; Id = 'OperationInvalid'; Text = 'cannot rename active domain' }
            @{ Why = 'renaming to a name in use'; Name = 'db'; Params = @{ NewName = 'web'; VCpus = 1 }; Id = 'OperationInvalid'; Text = "domain with name 'web' already exists" }
            @{ Why = '-Live on a shut-off domain'; Name = 'db'; Params = @{ VCpus = 1; Live = $true }; Id = 'OperationInvalid'; Text = 'domain is not running' }
            @{ Why = 'a title with a line break'; Name = 'db'; Params = @{ Title = "a`nb"; VCpus = 1 }; Id = 'InvalidArgument'; Text = "metadata title can't contain newlines" }
        ) {
            $before = Get-VMDomainXml -Uri $uri -Name $Name -Inactive
            $beforeLive = Get-VMDomainXml -Uri $uri -Name $Name
            Set-VMDomain -Uri $uri -Name $Name @Params -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId $Id 'SetVMDomainCommand')
            $err[0].Exception.Message | Should -BeLike "*$Text*"
            Get-VMDomainXml -Uri $uri -Name $Name -Inactive | Should -Be $before
            Get-VMDomainXml -Uri $uri -Name $Name | Should -Be $beforeLive
        }

        It 'refuses a call with no setting: NoSettingGiven' {
            { Set-VMDomain -Uri $uri -Name web -Live -ErrorAction Stop } | Should -Throw -ErrorId 'NoSettingGiven,Libvirt.PowerShell.Commands.SetVMDomainCommand'
        }
    }

    It '-WhatIf lists the changes and makes none' {
        $before = Get-VMDomainXml -Uri $uri -Name web
        Set-VMDomain -Uri $uri -Name web -VCpus 1 -MemoryMB 300 -AutoStart $true -WhatIf
        # What-if text goes to the host, not to a stream: read it from a child process.
        . (Join-Path $PSScriptRoot '../../build/Help/ExampleRunner.ps1')
        $command = "Import-Module '$ModulePath'; Set-VMDomain -Uri test:///default -Name test -VCpus 1 -MemoryMB 300 -AutoStart `$true -Live -WhatIf"
        $out = Invoke-ChildPowerShell -Command $command | Out-String
        $out | Should -Match ([regex]::Escape('"Set memory 300 MB (live), vCPUs 1 (live), autostart on" on target "test on'))
        Get-VMDomainXml -Uri $uri -Name web | Should -Be $before
    }

    It 'acts on every domain of a wildcard and from the pipeline' {
        Get-VMDomain -Uri $uri | Set-VMDomain -Title 'all' -Config
        (Config web).domain.title | Should -Be 'all'
        (Config db).domain.title | Should -Be 'all'
        Set-VMDomain -Uri $uri -Name '*' -Description 'd' -Config
        (Config db).domain.description | Should -Be 'd'
    }
}

# The embedded test hypervisor's vCPU, memory, metadata and rename calls against libvirt's own test driver
# (python3-libvirt on a node file): the same steps, the same values, the same error codes and texts.
BeforeDiscovery {
    & /usr/bin/python3 -c 'import libvirt' 2>$null
    $script:NoPythonLibvirt = $LASTEXITCODE -ne 0 -and $env:LIBVIRT_PS_REQUIRE_HOSTS -ne '1'
}

Describe 'Set-VMDomain parity with libvirt''s test driver' -Skip:$NoPythonLibvirt {
    BeforeAll {
        $script:Node = Join-Path $TestDrive 'config-node.xml'
        Set-Content $Node @"
<node>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>run</name><uuid>00000000-0000-4000-8000-0000000000a1</uuid><memory unit='MiB'>512</memory><vcpu>2</vcpu><os><type>hvm</type></os><test:runstate>1</test:runstate></domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>off</name><uuid>00000000-0000-4000-8000-0000000000a2</uuid><memory unit='MiB'>512</memory><vcpu>2</vcpu><os><type>hvm</type></os><test:runstate>5</test:runstate></domain>
</node>
"@
        # Steps: domain, call, arguments. Calls go to the driver without the cmdlet's own checks, so the
        # test driver's answers are compared as libvirt gives them.
        $script:Steps = @(
            'run|setvcpus|1|0', 'run|getvcpus|1', 'run|getvcpus|2', 'run|setvcpus|3|1', 'run|setvcpus|100|2', 'run|setvcpus|0|0',
            'run|setvcpus|2|3', 'run|getvcpus|3',
            'run|setmem|262144|0', 'run|setmem|99999999|2', 'run|setmaxmem|1048576|0', 'run|setmaxmem|1048576|2', 'run|setmem|1024|3',
            'run|setmeta|0|hello|0', 'run|getmeta|0|1', 'run|getmeta|0|2', 'run|setmeta|1|a`nb|0', 'run|getmeta|1|0',
            'run|rename|x', 'off|setvcpus|1|1', 'off|setmem|1024|1', 'off|setmaxmem|2097152|0', 'off|getmaxmem',
            'off|setvcpus|1|2', 'off|getvcpus|2', 'off|setmeta|1|T|2', 'off|getmeta|1|0', 'off|setmeta|1||0', 'off|getmeta|1|0',
            'off|rename|off', 'off|rename|run', 'off|rename|a/b', 'off|rename|off2', 'off2|getvcpus|0', 'off2|getmaxmem'
        )
        $py = @'
import sys, libvirt
c = libvirt.open(sys.argv[1])
for step in sys.argv[2:]:
    p = step.replace('`n', '\n').split('|')
    try:
        d = c.lookupByName(p[0]); op = p[1]
        if op == 'setvcpus': r = d.setVcpusFlags(int(p[2]), int(p[3]))
        elif op == 'getvcpus': r = d.vcpusFlags(int(p[2]))
        elif op == 'setmem': r = d.setMemoryFlags(int(p[2]), int(p[3]))
        elif op == 'setmaxmem': r = d.setMemoryFlags(int(p[2]), int(p[3]) | 4)
        elif op == 'getmaxmem': r = d.maxMemory()
        elif op == 'setmeta': r = d.setMetadata(int(p[2]), p[3], None, None, int(p[4]))
        elif op == 'getmeta': r = d.metadata(int(p[2]), None, int(p[3]))
        elif op == 'rename': r = d.rename(p[2], 0)
        if op.startswith('set') or op == 'rename': r = 0
        print('OK|%s' % r)
    except libvirt.libvirtError as e:
        print('ERR|%d|%s' % (e.get_error_code(), e.get_error_message().replace('\n', ' ')))
'@
        $script:Expected = @(& /usr/bin/python3 -c $py "test://$Node" @Steps 2>$null)
    }

    It 'gives the same values and errors as libvirt''s test driver' {
        $conn = Connect-VMHost -Uri "test://$Node"
        $driver = $conn.Driver
        $config = [Libvirt.Engine.Drivers.DriverKinds]::DomainConfig($driver)
        $domains = [Libvirt.Engine.Drivers.DriverKinds]::Domains($driver)
        $none = [System.Threading.CancellationToken]::None
        $actual = foreach ($step in $Steps) {
            $p = $step.Replace('`n', "`n").Split('|')
            try {
                $id = $domains.LookupByNameAsync($p[0], $none).GetAwaiter().GetResult().ToIdentity()
                $r = switch ($p[1]) {
                    'setvcpus' { $config.SetVcpusAsync($id, [int]$p[2], [int]$p[3], $none).GetAwaiter().GetResult() | Out-Null; 0 }
                    'getvcpus' { $config.GetVcpusAsync($id, [int]$p[2], $false, $none).GetAwaiter().GetResult() }
                    'setmem' { $config.SetMemoryAsync($id, [uint64]$p[2], [int]$p[3], $false, $none).GetAwaiter().GetResult() | Out-Null; 0 }
                    'setmaxmem' { $config.SetMemoryAsync($id, [uint64]$p[2], [int]$p[3], $true, $none).GetAwaiter().GetResult() | Out-Null; 0 }
                    'getmaxmem' { $config.GetMaxMemoryAsync($id, $none).GetAwaiter().GetResult() }
                    'setmeta' { $config.SetMetadataAsync($id, [int]$p[2], $p[3], [int]$p[4], $none).GetAwaiter().GetResult() | Out-Null; 0 }
                    'getmeta' {
                        $v = $config.GetMetadataAsync($id, [int]$p[2], [int]$p[3], $none).GetAwaiter().GetResult()
                        if ($null -eq $v) { throw [Libvirt.Engine.Errors.LibvirtException]::new(80, 20, 'metadata not found: Requested metadata element is not present') }
                        $v
                    }
                    'rename' { $config.RenameAsync($id, $p[2], $none).GetAwaiter().GetResult() | Out-Null; 0 }
                }
                "OK|$r"
            }
            catch {
                $e = $_.Exception
                while ($e -and $e -isnot [Libvirt.Engine.Errors.LibvirtException]) { $e = $e.InnerException }
                if (-not $e) { throw }
                'ERR|{0}|{1}' -f [int]$e.Code, $e.Message.Replace("`n", ' ')
            }
        }
        Disconnect-VMHost -Connection $conn
        $Expected.Count | Should -Be $Steps.Count
        for ($i = 0; $i -lt $Steps.Count; $i++) { $actual[$i] | Should -Be $Expected[$i] -Because $Steps[$i] }
    }
}
