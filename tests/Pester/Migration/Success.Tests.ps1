# Successful migrations between in-process test hosts, and what -WhatIf does.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

AfterAll { Remove-MigHosts }

Describe 'Move-VMDomain moves domains' {
    It 'managed live migration: running on the destination, shut off (still defined) on the source, transient there' {
        $pair = New-MigPair
        $out = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Confirm:$false
        $out | Should -BeNullOrEmpty -Because 'without -PassThru nothing is written'
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        (Get-VMDomain -Uri $pair.Dst -Name $pair.Name).Persistent | Should -BeFalse
        Get-MigState $pair.Src $pair.Name | Should -Be 'ShutOff'
        (Get-VMDomainJob -Name $pair.Name -Uri $pair.Src -Completed).Type | Should -Be 'Completed'
    }

    It 'the same UUID arrives on the destination' {
        $pair = New-MigPair
        $uuid = (Get-VMDomain -Uri $pair.Src -Name $pair.Name).Uuid
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -PassThru
        $d.Uuid | Should -Be $uuid
    }

    It '-PersistDestination -UndefineSource: persistent on the destination, gone from the source' {
        $pair = New-MigPair
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -PersistDestination -UndefineSource -Confirm:$false
        (Get-VMDomain -Uri $pair.Dst -Name $pair.Name).Persistent | Should -BeTrue
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        Get-MigNames $pair.Src | Should -BeNullOrEmpty
    }

    It 'a pipeline from Get-VMDomain' {
        $pair = New-MigPair
        Get-VMDomain $pair.Name -Uri $pair.Src | Move-VMDomain -DestinationUri $pair.Dst -Confirm:$false
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        Get-MigState $pair.Src $pair.Name | Should -Be 'ShutOff'
    }

    It 'a piped domain is looked up on its own host, not on the session''s hosts' {
        $pair = New-MigPair
        $other = New-MigPair   # a domain of the same name on another, connected host
        Connect-VMHost -Uri $other.Src | Out-Null
        try {
            Get-VMDomain $pair.Name -Uri $pair.Src | Move-VMDomain -DestinationUri $pair.Dst -Confirm:$false
        } finally { Disconnect-VMHost -Uri $other.Src -Confirm:$false }
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        Get-MigState $other.Src $other.Name | Should -Be 'Running' -Because 'the other host''s vm1 was not piped'
    }

    It 'a pipeline of several domains moves them all' {
        $pair = New-MigPair
        New-VMDomain -Xml (Get-MigDomainXml 'second') -Uri $pair.Src -Start -Confirm:$false | Out-Null
        $moved = Get-VMDomain -Uri $pair.Src | Move-VMDomain -DestinationUri $pair.Dst -Confirm:$false -PassThru
        @($moved).Count | Should -Be 2
        (Get-MigNames $pair.Dst | Sort-Object) | Should -Be @('second', 'vm1')
    }

    It '-PassThru returns the domain as it is on the destination' {
        $pair = New-MigPair
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -PassThru
        @($d).Count | Should -Be 1
        $d | Should -BeOfType ([Libvirt.Engine.Model.VMDomain])
        $d.Uri | Should -Be $pair.Dst
        $d.Host | Should -Be ($pair.Dst -replace '^test:///', '')
        "$($d.State)" | Should -Be 'Running'
    }

    It '-PeerToPeer moves it and -PassThru finds it on the destination' {
        $pair = New-MigPair
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -PeerToPeer -Live -Confirm:$false -PassThru
        $d.Uri | Should -Be $pair.Dst
        "$($d.State)" | Should -Be 'Running'
        Get-MigState $pair.Src $pair.Name | Should -Be 'ShutOff'
    }

    It '-PeerToPeer -DestinationName -PassThru returns the renamed domain' {
        $pair = New-MigPair
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -PeerToPeer -DestinationName p2pnew -Confirm:$false -PassThru
        $d.Name | Should -Be 'p2pnew'
        $d.Uri | Should -Be $pair.Dst
        Get-MigNames $pair.Dst | Should -Be @('p2pnew')
    }

    It '-Offline -PersistDestination moves a shut-off definition' {
        $pair = New-MigPair -NoStart
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Offline -PersistDestination -Confirm:$false -PassThru
        $d.Uri | Should -Be $pair.Dst
        "$($d.State)" | Should -Be 'ShutOff'
        $d.Persistent | Should -BeTrue
        Get-MigState $pair.Dst $pair.Name | Should -Be 'ShutOff'
        Get-MigState $pair.Src $pair.Name | Should -Be 'ShutOff' -Because 'without -UndefineSource the source keeps its definition'
    }

    It '-Offline -PersistDestination -UndefineSource leaves nothing on the source' {
        $pair = New-MigPair -NoStart
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Offline -PersistDestination -UndefineSource -Confirm:$false
        Get-MigState $pair.Dst $pair.Name | Should -Be 'ShutOff'
        Get-MigNames $pair.Src | Should -BeNullOrEmpty
    }

    It '-Offline -PersistDestination -PeerToPeer moves a shut-off definition' {
        $pair = New-MigPair -NoStart
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Offline -PersistDestination -PeerToPeer -Confirm:$false
        Get-MigState $pair.Dst $pair.Name | Should -Be 'ShutOff'
        (Get-VMDomain -Uri $pair.Dst -Name $pair.Name).Persistent | Should -BeTrue
    }

    It '-DestinationName renames it on the destination' {
        $pair = New-MigPair
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -DestinationName renamed -Confirm:$false -PassThru
        $d.Name | Should -Be 'renamed'
        Get-MigNames $pair.Dst | Should -Be @('renamed')
        Get-MigState $pair.Src $pair.Name | Should -Be 'ShutOff'
    }

    It '-Paused leaves it paused on the destination' {
        $pair = New-MigPair
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Paused -Confirm:$false -PassThru
        "$($d.State)" | Should -Be 'Paused'
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Paused'
    }

    It 'a paused domain stays paused on the destination' {
        $pair = New-MigPair
        Suspend-VMDomain -Name $pair.Name -Uri $pair.Src -Confirm:$false
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Confirm:$false
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Paused'
    }

    It '-Destination takes a connection from Connect-VMHost' {
        $pair = New-MigPair
        $c = Connect-VMHost -Uri $pair.Dst
        $d = Move-VMDomain -Name $pair.Name -Uri $pair.Src -Destination $c -Confirm:$false -PassThru
        $d.Uri | Should -Be $pair.Dst
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        # The caller's connection still works afterwards.
        @(Get-VMDomain -Connection $c).Name | Should -Be @($pair.Name)
    }

    It '-Connection for the source and -Destination for the destination' {
        $pair = New-MigPair
        $s = Connect-VMHost -Uri $pair.Src
        $c = Connect-VMHost -Uri $pair.Dst
        Move-VMDomain -Name $pair.Name -Connection $s -Destination $c -Confirm:$false
        Get-MigState $pair.Dst $pair.Name | Should -Be 'Running'
        @(Get-VMDomain -Connection $s).Count | Should -Be 1
    }

    It '-Verbose describes the settings and the phases' {
        $pair = New-MigPair
        $v = Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Bandwidth 4096 -Confirm:$false -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $v | Should -Contain 'Migration settings: live; bandwidth 4096 MiB/s'
        ($v -join "`n") | Should -BeLike '*Perform on source*'
    }
}

Describe 'Move-VMDomain -WhatIf' {
    It 'prints the describer''s text and moves nothing' {
        $pair = New-MigPair
        $t = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $t -UseMinimalHeader | Out-Null
        try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Live -Bandwidth 128 -Compression mt -CompressionMtLevel 5 -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content $t -Raw
        $set = [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary @{ Live = $true; Bandwidth = 128; Compression = 'mt'; CompressionMtLevel = 5 }), $null)
        $describer = [Libvirt.Engine.Migration.MigrationDescriber]::DescribeSettings($set)
        $describer | Should -Be 'live; bandwidth 128 MiB/s; compression mt (level 5)'
        $text | Should -BeLike "*What if: *Migrate to $($pair.Dst): $describer*vm1 on *($($pair.Src))*"
        Assert-MigUntouched $pair
    }

    It 'includes the settings from -Parameter' {
        $pair = New-MigPair
        $t = Join-Path $TestDrive 'whatif2.txt'
        Start-Transcript -Path $t -UseMinimalHeader | Out-Null
        try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Parameter @{ PersistDestination = $true; destination_name = 'renamed' } -WhatIf }
        finally { Stop-Transcript | Out-Null }
        Get-Content $t -Raw | Should -BeLike "*What if:*persist on destination*destination name 'renamed'*"
        Assert-MigUntouched $pair
    }

    It 'asks for confirmation under the default $ConfirmPreference (High); a host that cannot prompt moves nothing' {
        $pair = New-MigPair
        $ps = New-MigShell
        try {
            $null = $ps.AddScript("Move-VMDomain -Name '$($pair.Name)' -Uri '$($pair.Src)' -DestinationUri '$($pair.Dst)'")
            $null = $ps.Invoke()
            $ps.HadErrors | Should -BeTrue
            "$($ps.Streams.Error[0])" | Should -BeLike "*prompt*Migrate to $($pair.Dst)`"*"
        } finally { $ps.Runspace.Dispose(); $ps.Dispose() }
        Assert-MigUntouched $pair
    }
}
