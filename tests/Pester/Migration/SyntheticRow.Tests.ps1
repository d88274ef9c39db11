# A new row in the tables becomes a parameter everywhere, with no other change (the design's proof).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # 999 is outside the enum: PowerShell's [enum]999 cast refuses it, so convert the number directly.
    $script:SynId = [Enum]::ToObject([Libvirt.Engine.Migration.MigrationParameter], 999)
    $script:row = [Libvirt.Engine.Migration.MigrationParameterRow]::new(
        $script:SynId, 'synthetic.knob_level', 'VIR_MIGRATE_PARAM_SYNTHETIC_KNOB_LEVEL',
        [Libvirt.Engine.Migration.MigrationValueKind]::Int, '11.9.0', 'A synthetic knob', 'percent',
        [Libvirt.Engine.Migration.MigrationRange]::new(1, 7))
    $script:t = [Libvirt.Engine.Migration.MigrationTables]::Default.WithParameter($row)
    [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = $t
    $script:InvalidArgId = 'InvalidArgument,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
}

AfterAll {
    [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = [Libvirt.Engine.Migration.MigrationTables]::Default
    Remove-MigHosts
}

Describe 'A synthetic row (synthetic.knob_level, libvirt 11.9.0, 1..7 percent)' {
    It 'is named SyntheticKnobLevel by the naming rule' {
        $row.Name | Should -Be 'SyntheticKnobLevel'
    }

    It 'becomes -SyntheticKnobLevel of type int with ValidateRange 1..7 and the description as help' {
        $p = (Get-Command Move-VMDomain).Parameters['SyntheticKnobLevel']
        $p | Should -Not -BeNullOrEmpty
        $p.ParameterType | Should -Be ([int])
        $range = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $range.MinRange | Should -Be 1
        $range.MaxRange | Should -Be 7
        ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).HelpMessage | Should -Be 'A synthetic knob (percent)'
    }

    It 'is gone again with the default tables (the scope is what adds it)' {
        [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = [Libvirt.Engine.Migration.MigrationTables]::Default
        try { (Get-Command Move-VMDomain).Parameters.ContainsKey('SyntheticKnobLevel') | Should -BeFalse }
        finally { [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = $t }
    }

    It 'the help the build writes documents it (Get-Help reads that help; Help.Tests.ps1 shows it end to end)' {
        . (Join-Path $RepoRoot 'build/Help/MamlWriter.ps1')
        $maml = Join-Path $TestDrive 'help.xml'
        Write-MamlHelp -Commands (Get-Command Move-VMDomain) -PagesPath (Join-Path $RepoRoot 'docs/help') -OutFile $maml
        $p = ([xml](Get-Content $maml -Raw)).helpItems.command.parameters.parameter | Where-Object { $_.name -eq 'SyntheticKnobLevel' }
        $p.description.para | Should -BeLike '*A synthetic knob*Range: 1-7*'
        $ph = (Get-Command Move-VMDomain).Parameters['SyntheticKnobLevel'].Attributes.HelpMessage
        $ph | Should -BeLike '*A synthetic knob*'
    }

    It 'a value outside 1..7 is a binding error and nothing moves' {
        $pair = New-MigPair
        $err = { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -SyntheticKnobLevel 8 -Confirm:$false -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        Assert-MigUntouched $pair
    }

    It 'parses from -Parameter by PowerShell name and by libvirt key' {
        foreach ($h in @{ SyntheticKnobLevel = 3 }, @{ 'synthetic.knob_level' = 3 }, @{ 'SYNTHETIC.KNOB_LEVEL' = 3 }, @{ 'VIR_MIGRATE_PARAM_SYNTHETIC_KNOB_LEVEL' = 3 }) {
            $set = [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary $h), $t)
            $set.Get($script:SynId) | Should -Be 3
            $set.Get($script:SynId) | Should -BeOfType ([int])
        }
        $bad = { [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary @{ SyntheticKnobLevel = 9 }), $t) } | Should -Throw -PassThru
        $bad.Exception.InnerException.Message | Should -BeLike '*synthetic.knob_level*out of range*'
    }

    It 'Move-VMDomain -Parameter @{ SyntheticKnobLevel = 3 } is refused as too new for the test host (11.7.0), before anything moves' {
        foreach ($h in @{ SyntheticKnobLevel = 3 }, @{ 'synthetic.knob_level' = 3 }) {
            $pair = New-MigPair
            $err = $null
            try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -Parameter $h -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'ArgumentUnsupported,Libvirt.PowerShell.Commands.MoveVMDomainCommand'
            $err.Exception.Message | Should -BeLike "*synthetic.knob_level*needs libvirt 11.9.0*runs 11.7.0*"
            Assert-MigUntouched $pair
        }
    }

    It 'the explicit -SyntheticKnobLevel 3 is refused the same way' {
        $pair = New-MigPair
        $err = $null
        try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -SyntheticKnobLevel 3 -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike '*needs libvirt 11.9.0*'
        Assert-MigUntouched $pair
    }

    It 'appears in -WhatIf text' {
        $pair = New-MigPair
        $file = Join-Path $TestDrive 'wi.txt'
        Start-Transcript -Path $file -UseMinimalHeader | Out-Null
        try { Move-VMDomain -Name $pair.Name -Uri $pair.Src -DestinationUri $pair.Dst -SyntheticKnobLevel 3 -WhatIf } finally { Stop-Transcript | Out-Null }
        Get-Content $file -Raw | Should -BeLike '*synthetic knob level 3 percent*'
    }

    It 'Get-VMMigrationParameter lists it with Since 11.9.0' {
        $e = Get-VMMigrationParameter -Name SyntheticKnobLevel
        @($e).Count | Should -Be 1
        "$($e.Kind)" | Should -Be 'Parameter'
        $e.Key | Should -Be 'synthetic.knob_level'
        $e.Constant | Should -Be 'VIR_MIGRATE_PARAM_SYNTHETIC_KNOB_LEVEL'
        $e.Since | Should -Be ([version]'11.9.0')
        $e.Description | Should -Be 'A synthetic knob'
        $e.Help | Should -BeLike '*A synthetic knob*'
        @(Get-VMMigrationParameter -Name 'synthetic.*').Name | Should -Be @('SyntheticKnobLevel')
    }

    It 'round-trips through JSON' {
        $set = [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary @{ SyntheticKnobLevel = 3; Live = $true }), $t)
        $json = $set.ToJson()
        ($json | ConvertFrom-Json).'synthetic.knob_level' | Should -Be 3
        $back = [Libvirt.Engine.Migration.MigrationParameterSet]::FromJson($json, $t)
        $back.Equals($set) | Should -BeTrue
        $back.Get($script:SynId) | Should -Be 3
    }

    It 'round-trips through typed parameters' {
        $set = [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary @{ SyntheticKnobLevel = 7 }), $t)
        $typed = $set.ToTypedParameters()
        $p = @($typed | Where-Object Field -eq 'synthetic.knob_level')
        $p.Count | Should -Be 1
        "$($p[0].Type)" | Should -Be 'Int'
        $back = [Libvirt.Engine.Migration.MigrationParameterSet]::FromTypedParameters($typed, 0, $t, $true)
        $back.Equals($set) | Should -BeTrue
    }

    It 'a set of the default tables cannot read it back from typed parameters (strict)' {
        $set = [Libvirt.Engine.Migration.MigrationParameterSet]::Parse((ConvertTo-MigDictionary @{ SyntheticKnobLevel = 7 }), $t)
        { [Libvirt.Engine.Migration.MigrationParameterSet]::FromTypedParameters($set.ToTypedParameters(), 0, $null, $true) } | Should -Throw '*synthetic.knob_level*'
    }
}
