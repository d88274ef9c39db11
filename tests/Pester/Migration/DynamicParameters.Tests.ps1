# Move-VMDomain's dynamic parameters come from the migration tables: one per row, right type, validation, help.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $tables = [Libvirt.Engine.Migration.MigrationTables]::Default
    $parameterRows = foreach ($row in $tables.Parameters) {
        @{ Name = $row.Name; Key = $row.Key; Type = $row.Codec.ClrType; Description = $row.Description
           HasRange = $null -ne $row.Range; Min = if ($row.Range) { $row.Range.Minimum }; Max = if ($row.Range) { $row.Range.Maximum }
           Choices = @($row.Choices | ForEach-Object Value); Aliases = @($row.Aliases) }
    }
    $flagRows = foreach ($row in $tables.Flags) { @{ Name = $row.Name; Summary = $row.Summary; Aliases = @($row.Aliases) } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:params = (Get-Command Move-VMDomain).Parameters
}

AfterAll { Remove-MigHosts }

Describe 'Move-VMDomain dynamic parameters from the parameter table' {
    It 'the tables are not empty (24+ parameters, 21 flags)' {
        [Libvirt.Engine.Migration.MigrationTables]::Default.Parameters.Count | Should -BeGreaterOrEqual 24
        [Libvirt.Engine.Migration.MigrationTables]::Default.Flags.Count | Should -Be 21
    }

    It '-<Name> (<Key>) exists with type <Type>' -ForEach $parameterRows {
        $p = $params[$Name]
        $p | Should -Not -BeNullOrEmpty
        $p.ParameterType | Should -Be $Type
        $p.IsDynamic | Should -BeTrue
    }

    It '-<Name> has the row''s range, choices and description as help' -ForEach $parameterRows {
        $p = $params[$Name]
        $range = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        if ($HasRange -and $Type -ne [string] -and $Type -ne [string[]]) {
            $range.Count | Should -Be 1
            [decimal]$range[0].MinRange | Should -Be $Min
            [decimal]$range[0].MaxRange | Should -Be $Max
            $range[0].MinRange.GetType() | Should -Be $Type -Because 'ValidateRange bounds must have the parameter type'
        } else {
            $range.Count | Should -Be 0
        }
        $set = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
        if ($Choices.Count -gt 0) {
            $set.Count | Should -Be 1
            @($set[0].ValidValues) | Should -Be $Choices
        } else {
            $set.Count | Should -Be 0
        }
        $help = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | ForEach-Object HelpMessage)
        $help[0] | Should -BeLike "*$([System.Management.Automation.WildcardPattern]::Escape($Description))*"
        foreach ($a in $Aliases) { $p.Aliases | Should -Contain $a }
    }

    It 'flag -<Name> is a switch with its summary as help' -ForEach $flagRows {
        $p = $params[$Name]
        $p | Should -Not -BeNullOrEmpty
        $p.ParameterType | Should -Be ([System.Management.Automation.SwitchParameter])
        $p.SwitchParameter | Should -BeTrue
        ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1).HelpMessage | Should -Be $Summary
        foreach ($a in $Aliases) { $p.Aliases | Should -Contain $a }
    }

    It 'Get-VMMigrationParameter lists every row with its Kind, Key/Value, Type and Since' {
        $listed = Get-VMMigrationParameter
        $tables = [Libvirt.Engine.Migration.MigrationTables]::Default
        $listed.Count | Should -Be ($tables.Parameters.Count + $tables.Flags.Count)
        foreach ($row in $tables.Parameters) {
            $e = $listed | Where-Object Name -eq $row.Name
            "$($e.Kind)" | Should -Be 'Parameter'
            $e.Key | Should -Be $row.Key
            $e.Constant | Should -Be $row.Constant
            $e.Since | Should -Be $row.Since
            $e.Description | Should -Be $row.Description
        }
        foreach ($row in $tables.Flags) {
            $e = $listed | Where-Object Name -eq $row.Name
            "$($e.Kind)" | Should -Be 'Flag'
            $e.Value | Should -Be $row.Value
        }
        @(Get-VMMigrationParameter -Name 'compression.mt.*').Name | Should -Be @('CompressionMtLevel', 'CompressionMtThreads', 'CompressionMtDthreads')
        @(Get-VMMigrationParameter -Kind Flag).Count | Should -Be 21
    }
}

Describe 'Parameter binding validation refuses before anything moves' {
    BeforeEach { $pair = New-MigPair }

    It 'an out-of-range -CompressionMtLevel 10 is a binding error' {
        $err = { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Compression mt -CompressionMtLevel 10 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*MoveVMDomainCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        Assert-MigUntouched $pair
    }

    It 'a value outside the ValidateSet (-Compression lz4) is a binding error' {
        $err = { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Compression lz4 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        Assert-MigUntouched $pair
    }

    It 'a value of the wrong type (-DisksPort abc) is a binding error' {
        $err = { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -DisksPort abc -Confirm:$false -ErrorAction Stop } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgument*,*MoveVMDomainCommand'
        Assert-MigUntouched $pair
    }

    It 'Move-VMDomain is ConfirmImpact High and supports ShouldProcess' {
        $cmd = Get-Command Move-VMDomain
        $attr = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.ConfirmImpact | Should -Be 'High'
        $attr.SupportsShouldProcess | Should -BeTrue
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
    }
}
