# Every refusal happens before anything moves: the domain keeps running on the source, nothing appears on the destination.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Cmd = 'Libvirt.PowerShell.Commands.MoveVMDomainCommand'

}

AfterAll { Remove-MigHosts }

Describe 'Cross-field rules from the tables' {
    BeforeEach { $pair = New-MigPair }

    It '<Case>' -ForEach @(
        @{ Case = '-CompressionMtLevel without -Compression mt'; Extra = @{ CompressionMtLevel = 5 }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '*Turn multithread compression on to tune it*' }
        @{ Case = '-CompressionMtLevel with -Compression xbzrle'; Extra = @{ Compression = 'xbzrle'; CompressionMtLevel = 5 }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '*Turn multithread compression on to tune it*' }
        @{ Case = '-CompressionMtLevel through -Parameter without compression'; Extra = @{ Parameter = @{ 'compression.mt.level' = 5 } }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '*Turn multithread compression on to tune it*' }
        @{ Case = '-ParallelConnections without -Parallel'; Extra = @{ ParallelConnections = 4 }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '*Turn parallel migration on to tune it*' }
        @{ Case = '-Compression zlib without -Parallel'; Extra = @{ Compression = 'zlib' }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "*'zlib' is only supported with parallel migration*" }
        @{ Case = '-AutoConvergeInitial without -AutoConverge'; Extra = @{ AutoConvergeInitial = 20 }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '*Turn auto convergence on to tune it*' }
        @{ Case = '-DisksPort with -DisksUri'; Extra = @{ DisksPort = 4000; DisksUri = 'tcp://x'; NonSharedDisk = $true }; Id = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '*mutually exclusive*' }
        @{ Case = '-MigrateDisks without storage migration'; Extra = @{ MigrateDisks = 'vda' }; Id = 'NotSupported'; Category = 'NotImplemented'; Message = '*VIR_MIGRATE_PARAM_MIGRATE_DISKS*' }
        @{ Case = '-Tunnelled without -PeerToPeer'; Extra = @{ Tunnelled = $true }; Id = 'OperationInvalid'; Category = 'InvalidOperation'; Message = '*peer2peer*' }
        @{ Case = '-Offline without -PersistDestination'; Extra = @{ Offline = $true }; Id = 'OperationInvalid'; Category = 'InvalidOperation'; Message = '*persistent flag*' }
        @{ Case = '-Postcopy without -Live'; Extra = @{ Postcopy = $true }; Id = 'ArgumentUnsupported'; Category = 'InvalidArgument'; Message = '*' }
    ) {
        $err = Invoke-Refused $pair $Extra
        $err.FullyQualifiedErrorId | Should -Be "$Id,$Cmd"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        $err.Exception.Message | Should -BeLike $Message
        Assert-MigUntouched $pair
    }
}

Describe 'Refusals by the hosts' {
    It 'a domain of the same name (other UUID) on the destination is a clash' {
        $pair = New-MigPair
        New-VMDomain -Xml (Get-MigDomainXml $pair.Name) -Uri $pair.Dst -Confirm:$false | Out-Null
        $before = (Get-VMDomain -Uri $pair.Dst -Name $pair.Name).Uuid
        $err = Invoke-Refused $pair @{ Live = $true }
        $err.Exception.Message | Should -BeLike "*already exists*"
        $err.FullyQualifiedErrorId | Should -Be "OperationFailed,$Cmd"
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
        (Get-VMDomainJob -Name $pair.Name -Uri $pair.Src).Type | Should -Be 'None'
        $dst = @(Get-VMDomain -Uri $pair.Dst)
        $dst.Count | Should -Be 1
        $dst[0].Uuid | Should -Be $before -Because 'the clashing domain on the destination is left alone'
        "$($dst[0].State)" | Should -Be 'ShutOff'
    }

    It 'a clash with -DestinationName is refused the same way' {
        $pair = New-MigPair
        New-VMDomain -Xml (Get-MigDomainXml 'taken') -Uri $pair.Dst -Start -Confirm:$false | Out-Null
        $err = Invoke-Refused $pair @{ DestinationName = 'taken' }
        $err.Exception.Message | Should -BeLike "*'taken'*"
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
        Get-MigNames $pair.Dst | Should -Be @('taken')
    }

    It 'an inactive domain without -Offline is refused and stays defined on the source' {
        $pair = New-MigPair -NoStart
        $err = Invoke-Refused $pair @{ PersistDestination = $true }
        $err.FullyQualifiedErrorId | Should -Be "OperationInvalid,$Cmd"
        $err.Exception.Message | Should -BeLike '*not running*'
        Get-MigState $pair.Src $pair.Name | Should -Be 'ShutOff'
        Get-MigNames $pair.Dst | Should -BeNullOrEmpty
    }

    It 'the source itself as destination is refused' {
        $pair = New-MigPair
        $err = Invoke-Refused $pair @{ DestinationUri = $pair.Src }
        $err.FullyQualifiedErrorId | Should -Be "OperationInvalid,$Cmd"
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
        @(Get-VMDomain -Uri $pair.Src).Count | Should -Be 1
    }

    It 'the source itself as -Destination connection is refused' {
        $pair = New-MigPair
        $c = Connect-VMHost -Uri $pair.Src
        $err = $null
        try { Move-VMDomain -Name $pair.Name -Connection $c -Destination $c -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "OperationInvalid,$Cmd"
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
    }

    It 'the source itself as destination is refused peer-to-peer too' {
        $pair = New-MigPair
        $err = Invoke-Refused $pair @{ DestinationUri = $pair.Src; PeerToPeer = $true }
        $err.FullyQualifiedErrorId | Should -Be "OperationInvalid,$Cmd"
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
        (Get-VMDomainJob -Name $pair.Name -Uri $pair.Src).Type | Should -Be 'None'
    }

    It 'a domain that is not there is DomainNotFound' {
        $pair = New-MigPair
        $err = $null
        try { Move-VMDomain -Name nosuch -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        Get-MigNames $pair.Dst | Should -BeNullOrEmpty
    }

    It 'one refused domain does not stop the next one (non-terminating error per domain)' {
        $pair = New-MigPair
        New-VMDomain -Xml (Get-MigDomainXml 'second') -Uri $pair.Src -Start -Confirm:$false | Out-Null
        New-VMDomain -Xml (Get-MigDomainXml $pair.Name) -Uri $pair.Dst -Confirm:$false | Out-Null  # clash for vm1 only
        $errs = $null
        Move-VMDomain -Name $pair.Name, 'second' -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        Get-MigState $pair.Src $pair.Name | Should -Be 'Running'
        Get-MigState $pair.Dst 'second' | Should -Be 'Running'
    }
}
