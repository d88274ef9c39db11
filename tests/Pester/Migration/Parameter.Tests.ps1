# -Parameter takes the same settings as the dynamic parameters: hashtable, object, .psd1 data, JSON text.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:InvalidArgId = 'InvalidArgument,Libvirt.PowerShell.Commands.MoveVMDomainCommand'

    # Migrates with -Parameter and checks the effects of DestinationName + PersistDestination on the destination.
    function Assert-RenamedAndPersisted($Pair, [string] $NewName) {
        Get-MigNames $Pair.Dst | Should -Be @($NewName)
        $d = Get-VMDomain -Uri $Pair.Dst -Name $NewName
        "$($d.State)" | Should -Be 'Running'
        $d.Persistent | Should -BeTrue
        Get-MigState $Pair.Src $Pair.Name | Should -Be 'ShutOff'
    }

}

AfterAll { Remove-MigHosts }

Describe 'Move-VMDomain -Parameter accepts several shapes' {
    BeforeEach { $pair = New-MigPair }

    It 'a hashtable with PowerShell names' {
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter @{ DestinationName = 'renamed'; PersistDestination = $true; Live = $true }
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'a hashtable with libvirt keys and constants, case-insensitive' {
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter @{ 'DESTINATION_NAME' = 'renamed'; 'bandwidth' = 4096; Flags = 'live, persistdestination' }
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'a hashtable with lower-case PowerShell names and constants' {
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter @{ 'vir_migrate_param_dest_name' = 'renamed'; persistdestination = $true }
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'a PSCustomObject from ConvertFrom-Json (numbers arrive as Int64)' {
        $o = '{ "destination_name": "renamed", "bandwidth": 4096, "PersistDestination": true, "Compression": ["mt"], "CompressionMtLevel": 3 }' | ConvertFrom-Json
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter $o
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'data from Import-PowerShellDataFile' {
        $file = Join-Path $TestDrive 'migration.psd1'
        Set-Content $file "@{ DestinationName = 'renamed'; Bandwidth = 4096; PersistDestination = `$true; Compression = 'mt'; 'compression.mt.threads' = 2 }"
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter (Import-PowerShellDataFile $file)
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'JSON text (as saved by MigrationParameterSet.ToJson)' {
        $json = '{ "Flags": ["Live", "PersistDestination"], "destination_name": "renamed", "bandwidth": 4096 }'
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter $json
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'JSON text from a file through Get-Content -Raw' {
        $file = Join-Path $TestDrive 'migration.json'
        $set = [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary @{ DestinationName = "renamed"; PersistDestination = $true }), $null)
        Set-Content $file $set.ToJson()
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -Parameter (Get-Content $file -Raw)
        Assert-RenamedAndPersisted $pair 'renamed'
    }

    It 'an explicit dynamic parameter and the same value in -Parameter combine' {
        Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Confirm:$false -DestinationName renamed -Bandwidth 4096 -Parameter @{ destination_name = 'renamed'; Bandwidth = 4096; PersistDestination = $true }
        Assert-RenamedAndPersisted $pair 'renamed'
    }
}

Describe 'Move-VMDomain -Parameter refusals leave the domain on the source' {
    BeforeEach { $pair = New-MigPair }

    It 'an unknown key is an error listing the valid keys' {
        $err = Invoke-Refused $pair @{ Parameter = @{ NoSuchKnob = 1 } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*unknown migration parameter 'NoSuchKnob'*"
        $err.Exception.Message | Should -BeLike '*CompressionMtLevel*'
        $err.Exception.Message | Should -BeLike '*PersistDestination*'
        Assert-MigUntouched $pair
    }

    It 'an unknown key in JSON text is refused the same way' {
        $err = Invoke-Refused $pair @{ Parameter = '{ "no.such.key": 1 }' }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.Exception.Message | Should -BeLike "*'no.such.key'*valid names*"
        Assert-MigUntouched $pair
    }

    It 'a value of the wrong type names the key and the type' {
        $err = Invoke-Refused $pair @{ Parameter = @{ DisksPort = 'abc' } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*disks_port*"
        $err.Exception.Message | Should -BeLike "*expected 'int'*"
        Assert-MigUntouched $pair
    }

    It 'a flag given a non-boolean names the flag' {
        $err = Invoke-Refused $pair @{ Parameter = @{ Live = 'sometimes' } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.Exception.Message | Should -BeLike "*flag 'Live'*bool*"
        Assert-MigUntouched $pair
    }

    It 'an out-of-range value in -Parameter is refused by the table''s range' {
        $err = Invoke-Refused $pair @{ Parameter = @{ Compression = 'mt'; CompressionMtLevel = 10 } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.Exception.Message | Should -BeLike '*compression.mt.level*out of range*'
        Assert-MigUntouched $pair
    }

    It 'a value outside the allowed set in -Parameter is refused' {
        $err = Invoke-Refused $pair @{ Parameter = @{ Compression = 'lz4' } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.Exception.Message | Should -BeLike '*lz4*'
        Assert-MigUntouched $pair
    }

    It 'a parameter given explicitly and in -Parameter with different values is an error' {
        $err = Invoke-Refused $pair @{ Bandwidth = 100; Parameter = @{ bandwidth = 200 } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*'bandwidth'*twice*100*200*"
        Assert-MigUntouched $pair
    }

    It 'the same key twice in -Parameter (name and libvirt key) with different values is an error' {
        $err = Invoke-Refused $pair @{ Parameter = [ordered]@{ Bandwidth = 100; 'VIR_MIGRATE_PARAM_BANDWIDTH' = 200 } }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.Exception.Message | Should -BeLike '*twice*'
        Assert-MigUntouched $pair
    }

    It 'invalid JSON text is refused' {
        $err = Invoke-Refused $pair @{ Parameter = '{ "bandwidth": ' }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        Assert-MigUntouched $pair
    }

    It 'a scalar that is not JSON is refused' {
        $err = Invoke-Refused $pair @{ Parameter = 42 }
        $err.FullyQualifiedErrorId | Should -Be $InvalidArgId
        $err.Exception.Message | Should -BeLike '*hashtable*'
        Assert-MigUntouched $pair
    }

    It 'no destination at all is DestinationRequired' {
        $err = $null
        try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'DestinationRequired,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Assert-MigUntouched $pair
    }

    It 'both -DestinationUri and -Destination is DestinationRequired' {
        $c = Connect-VMHost -Uri $pair.Dst
        $err = $null
        try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Destination $c -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'DestinationRequired,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
        Assert-MigUntouched $pair
    }
}
