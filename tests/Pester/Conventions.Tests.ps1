BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# The manners an admin expects from Hyper-V's module and PowerShell's own cmdlets (issue 9).
Describe 'Pipeline binding' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Stopped 'vm1', 'vm2', 'vm3' }
    AfterAll { Disconnect-VMHost }

    It 'plain strings from the pipeline are domain names' {
        Connect-VMHost $uri | Out-Null
        'vm1', 'vm2' | Start-VMDomain
        (Get-VMDomain -State Running).Name | Sort-Object | Should -Be @('vm1', 'vm2')
        'vm1' | Stop-VMDomain -TurnOff -Force
        (Get-VMDomain vm1).State | Should -Be 'ShutOff'
    }

    It 'Get-VMHost | Get-VMDomain lists the domains of each host it is given' {
        $other = New-TestHost -Stopped 'elsewhere'
        Connect-VMHost $uri, $other | Out-Null
        $all = Get-VMHost | Get-VMDomain
        ($all | Sort-Object Name).Name | Should -Be @('elsewhere', 'vm1', 'vm2', 'vm3')
        ($all | Where-Object Name -eq 'elsewhere').Uri | Should -Be $other
        (Get-VMHost -Uri $other | Get-VMDomain).Name | Should -Be 'elsewhere'
    }

    It 'rows of Import-Csv with Name and Uri columns act each on its own host only' {
        $other = New-TestHost -Stopped 'vm1'
        Connect-VMHost $uri, $other | Out-Null
        $csv = Join-Path $TestDrive 'domains.csv'
        @([pscustomobject]@{ Name = 'vm2'; Uri = $uri }, [pscustomobject]@{ Name = 'vm1'; Uri = $other }) | Export-Csv $csv
        Import-Csv $csv | Start-VMDomain
        (Get-VMDomain -Uri $uri -State Running).Name | Should -Be 'vm2'
        (Get-VMDomain -Uri $other -Name vm1).State | Should -Be 'Running'
        (Get-VMDomain -Uri $uri -Name vm1).State | Should -Be 'ShutOff'
        Import-Csv $csv | Get-VMDomain | ForEach-Object { "$($_.Name)@$($_.Uri)" } | Should -Be @("vm2@$uri", "vm1@$other")
    }
}

Describe 'Creating on several session hosts' {
    BeforeEach { Disconnect-VMHost }
    AfterAll { Disconnect-VMHost }

    It 'New-VMDomain refuses to define on every connected host unless the hosts are named' {
        $a = New-TestHost; $b = New-TestHost
        Connect-VMHost $a, $b | Out-Null
        { New-VMDomain -Xml (New-TestDomainXml -Name web01) -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostNotSpecified,Libvirt.PowerShell.Commands.NewVMDomainCommand'
        $e = $null
        try { New-VMDomain -Xml (New-TestDomainXml -Name web01) -ErrorAction Stop } catch { $e = $_ }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike "*$a*$b*-Uri or -Connection*"
        Get-VMDomain -Name web01 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'defines on one session host, and on several when they are named' {
        $a = New-TestHost
        Connect-VMHost $a | Out-Null
        (New-VMDomain -Xml (New-TestDomainXml -Name one)).Uri | Should -Be $a
        $b = New-TestHost
        Connect-VMHost $b | Out-Null
        (New-VMDomain -Uri $a, $b -Xml (New-TestDomainXml -Name both)).Uri | Should -Be @($a, $b)
        (New-VMDomain -Connection (Connect-VMHost $b) -Xml (New-TestDomainXml -Name viaconn)).Uri | Should -Be $b
    }

    It 'reading still acts on every connected host' {
        $a = New-TestHost -Stopped 'x'; $b = New-TestHost -Stopped 'y'
        Connect-VMHost $a, $b | Out-Null
        (Get-VMDomain).Name | Sort-Object | Should -Be @('x', 'y')
    }
}

Describe '-Force suppresses prompts and never adds one' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' -Stopped 'off' }
    AfterAll { Disconnect-VMHost }

    It 'Remove-VMDomain asks under the default preference, and -Force removes without asking' {
        $ConfirmPreference | Should -Be 'High'
        { Remove-VMDomain -Uri $uri -Name off -ErrorAction Stop } | Should -Throw
        (Get-VMDomain -Uri $uri -Name off).Name | Should -Be 'off'
        Remove-VMDomain -Uri $uri -Name off, r -Force
        Get-VMDomain -Uri $uri | Should -BeNullOrEmpty
    }

    It 'Remove-VMDomain -Force -WhatIf still only reports' {
        Remove-VMDomain -Uri $uri -Name off -Force -WhatIf
        (Get-VMDomain -Uri $uri -Name off).Name | Should -Be 'off'
    }

    It 'no cmdlet with -Force declares it as something else than a switch' {
        foreach ($c in Get-Command -Module Libvirt) {
            if ($c.Parameters.ContainsKey('Force')) { $c.Parameters['Force'].ParameterType | Should -Be ([switch]) -Because $c.Name }
        }
    }

    It 'a non-interactive script with -Force never waits for an answer' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$u = 'test:///ni-$([guid]::NewGuid().ToString('N'))'
New-VMDomain -Uri `$u -Xml "$((New-TestDomainXml -Name ni) -replace '"', '`"')" -Start | Out-Null
Stop-VMDomain -Uri `$u -Name ni -TurnOff -Force
Start-VMDomain -Uri `$u -Name ni
Restart-VMDomain -Uri `$u -Name ni -Force
Remove-VMDomain -Uri `$u -Name ni -Force
if (Get-VMDomain -Uri `$u) { exit 3 }
'done'
"@
        $pwsh = [Environment]::ProcessPath
        [string[]] $arguments = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { @((Join-Path $PSHOME 'pwsh.dll')) } else { @() }
        $out = '' | & $pwsh @arguments -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $out | Select-Object -Last 1 | Should -Be 'done'
    }
}

Describe 'Job records' {
    It 'show the operation by name, as libvirt names it' {
        [Libvirt.Engine.Jobs.DomainJobOperation]::MigrationOut.value__ | Should -Be 5
        $info = [Libvirt.Engine.Jobs.DomainJobInfo]::new()
        $info.Operation = 'MigrationOut'
        ($info | Format-List Operation | Out-String) | Should -Match 'Operation : MigrationOut'
        ($info | Format-Table | Out-String) | Should -Match 'MigrationOut'
    }
}

Describe 'Connection errors' {
    It 'a missing unix socket says "No such file or directory" with the path, as virsh does' {
        $sock = Join-Path $TestDrive 'no-such-sock'
        Get-VMDomain -Uri "qemu+unix:///system?socket=$sock" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,Libvirt.PowerShell.Commands.GetVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $err[0].Exception.Message | Should -Be "Failed to connect socket to '$sock': No such file or directory"
    }

    It 'a socket nobody listens on says "Connection refused"' -Skip:(-not $IsLinux) {
        $sock = Join-Path $TestDrive 'dead-sock'
        # .NET removes the file of a socket it bound when it closes it; python leaves it, with nobody listening.
        & /usr/bin/python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" $sock
        Test-Path $sock | Should -BeTrue
        Get-VMDomain -Uri "qemu+unix:///system?socket=$sock" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Be "Failed to connect socket to '$sock': Connection refused"
    }
}
