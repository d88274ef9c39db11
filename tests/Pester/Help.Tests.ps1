# The help a new user gets: every exported cmdlet has a synopsis, a description and examples, every
# parameter (Move-VMDomain's dynamic ones included) is documented and nothing that no longer exists is,
# the about topics are found, and the online links are the cmdlets' HelpUri. With a MAML file present
# Get-Help shows only what it contains, so these tests go through Get-Help itself.
BeforeDiscovery {
    $modulePath = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../out/Libvirt' }
    $script:Cmdlets = @((Import-PowerShellDataFile (Join-Path $modulePath 'Libvirt.psd1')).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Pages = Join-Path $RepoRoot 'docs/help'
    $script:HelpBase = 'https://github.com/libvirt-powershell/Libvirt/blob/main/docs/help/'
    . (Join-Path $RepoRoot 'build/Help/MamlWriter.ps1')
    . (Join-Path $RepoRoot 'build/Help/AboutTopic.ps1')
    . (Join-Path $RepoRoot 'build/Help/PageSections.ps1')
    . (Join-Path $RepoRoot 'build/Help/ExampleRunner.ps1')
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters |
        Where-Object { $_ -notin 'WhatIf', 'Confirm' }
    function Get-HelpParameterNames([string] $Name) { @((Get-Help $Name -Full).parameters.parameter | ForEach-Object name) }
}

Describe 'Help of <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:cmd = Get-Command $Name
        $script:help = Get-Help $Name -Full
    }

    It 'has a synopsis' {
        # Without help, Get-Help makes the synopsis from the syntax; a real one does not start with the name.
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)".Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        (@($help.description) | ForEach-Object Text) -join ' ' | Should -Match '\w{3,}'
    }

    It 'has examples, with code, that Get-Help -Examples shows' {
        $examples = @((Get-Help $Name -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual 1
        foreach ($e in $examples) {
            $e.code | Should -Match $Name.Split('-')[1] -Because "an example of $Name shows it in use"
            $e.title | Should -Match 'Example \d+: \w'
        }
    }

    It 'shows the output of its examples that run on the test hypervisor (else run build/Help/Update-HelpPage.ps1 -Examples)' {
        $page = Read-CommandHelpPage -Path (Join-Path $Pages "$Name.md")
        foreach ($e in $page.Examples | Where-Object { $null -ne $_.Output }) {
            $e.Output | Should -Not -BeNullOrEmpty -Because "'$($e.Title)' has an output block"
        }
    }

    It 'documents every parameter, with a description' {
        $documented = Get-HelpParameterNames $Name
        foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $documented | Should -Contain $p -Because "-$p of $Name needs help"
            $text = (Get-Help $Name -Parameter $p).description.Text -join ' '
            $text | Should -Match '\w{3,}' -Because "-$p of $Name needs a description"
        }
    }

    It 'documents no parameter that does not exist' {
        foreach ($p in Get-HelpParameterNames $Name) {
            $cmd.Parameters.Keys | Should -Contain $p -Because "the help of $Name documents -$p"
        }
    }

    It 'has one syntax entry per parameter set, naming each parameter of that set' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be @($cmd.ParameterSets).Count
        foreach ($set in $cmd.ParameterSets) {
            $expected = @($set.Parameters.Name | Where-Object { $_ -notin $Common } | Sort-Object)
            $match = $items | Where-Object { @($_.parameter.name | Sort-Object) -join ',' -eq ($expected -join ',') }
            $match | Should -Not -BeNullOrEmpty -Because "parameter set $($set.Name) of $Name needs a syntax line"
        }
    }

    It 'has a HelpUri to its page, which is also the online link and the page''s online version' {
        $cmd.HelpUri | Should -Be "$HelpBase$Name.md"
        @($help.relatedLinks.navigationLink | Where-Object uri)[0].uri | Should -Be $cmd.HelpUri
        (Read-CommandHelpPage -Path (Join-Path $Pages "$Name.md")).FrontMatter['online version'] | Should -Be $cmd.HelpUri
    }

    It 'has inputs and outputs' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterOrEqual 1
        @($help.returnValues.returnValue).Count | Should -BeGreaterOrEqual 1
    }

    It 'has a page whose SYNTAX and yaml blocks match the cmdlet (else run build/Help/Update-HelpPage.ps1)' {
        $page = Read-CommandHelpPage -Path (Join-Path $Pages "$Name.md")
        foreach ($p in $page.Parameters.Values) {
            if (-not $cmd.Parameters.ContainsKey($p.Name)) { continue } # reported above
            $facts = Get-HelpParameterFacts $cmd $p.Name
            $stated = "$($p.Facts['Type'])|$($p.Facts['Parameter Sets'])|$($p.Facts['Aliases'])|$($p.Facts['Required'])|$($p.Facts['Position'])|$($p.Facts['Accept pipeline input'])|$($p.Facts['Accept wildcard characters'])"
            $stated | Should -Be "$($facts.Type)|$($facts.Sets)|$($facts.Aliases)|$($facts.Required)|$($facts.Position)|$($facts.Pipeline)|$($facts.Wildcards)" -Because "the yaml block of -$($p.Name) in $Name.md"
        }
        $lines = @(Get-Content (Join-Path $Pages "$Name.md"))
        $start, $end = Find-Section $lines 'SYNTAX'
        ($lines[$start..($end - 1)] -join "`n").Trim() | Should -Be ((Format-SyntaxSection $cmd) -join "`n").Trim()
    }
}

Describe 'About topics' {
    It 'Get-Help finds about_Libvirt' {
        $text = Get-Help about_Libvirt | Out-String
        $text | Should -BeLike '*about_Libvirt*'
        $text | Should -BeLike '*Connect-VMHost*'
    }

    It 'Get-Help finds about_Libvirt_Migration, with a line for every row of the migration tables' {
        # Lines are wrapped: compare with the whitespace made single spaces.
        $text = (Get-Help about_Libvirt_Migration | Out-String) -replace '\s+', ' '
        $text | Should -BeLike '*peer-to-peer*'
        foreach ($e in Get-VMMigrationParameter) {
            $text | Should -BeLike "* -$($e.Name) *$($e.Constant)*$($e.Since)*" -Because "row $($e.Constant) belongs in the table"
        }
    }

    It 'Get-Help about_Libvirt* lists both topics with their short descriptions' {
        $topics = @(Get-Help about_Libvirt* | Where-Object Category -eq 'HelpFile')
        $topics.Name | Should -Contain 'about_Libvirt'
        $topics.Name | Should -Contain 'about_Libvirt_Migration'
    }
}

Describe 'A synthetic migration table row in generated help' {
    BeforeAll {
        $id = [Enum]::ToObject([Libvirt.Engine.Migration.MigrationParameter], 998)
        $script:row = [Libvirt.Engine.Migration.MigrationParameterRow]::new($id, 'synthetic.help_probe', 'VIR_MIGRATE_PARAM_SYNTHETIC_HELP_PROBE',
            [Libvirt.Engine.Migration.MigrationValueKind]::Int, '11.9.0', 'A synthetic knob that only help tests know', 'percent',
            [Libvirt.Engine.Migration.MigrationRange]::new(1, 7))
        $script:tables = [Libvirt.Engine.Migration.MigrationTables]::Default.WithParameter($row)
        # A copy of the module whose help the build writes while the synthetic row is in the tables.
        $script:copy = Join-Path $TestDrive 'Libvirt'
        Copy-Item $ModulePath $copy -Recurse
        [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = $tables
        try {
            Write-MamlHelp -Commands (Get-Command Move-VMDomain) -PagesPath $Pages -OutFile (Join-Path $copy 'en-US/Libvirt.PowerShell.dll-Help.xml')
            $script:about = (ConvertTo-AboutText -Path (Join-Path $Pages 'about_Libvirt_Migration.md')) -join ' ' -replace '\s+', ' '
        }
        finally { [Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = [Libvirt.Engine.Migration.MigrationTables]::Default }
    }

    It 'is documented in the MAML with its description, range and release, with no help edit' {
        [xml] $maml = Get-Content (Join-Path $copy 'en-US/Libvirt.PowerShell.dll-Help.xml') -Raw
        $p = $maml.helpItems.command.parameters.parameter | Where-Object { $_.name -eq 'SyntheticHelpProbe' }
        $p | Should -Not -BeNullOrEmpty
        $p.description.para | Should -BeLike '*A synthetic knob that only help tests know*Range: 1-7*since libvirt 11.9.0*'
        $syntax = $maml.helpItems.command.syntax.syntaxItem | ForEach-Object { $_.parameter.name }
        $syntax | Should -Contain 'SyntheticHelpProbe'
    }

    It 'has its line in about_Libvirt_Migration' {
        $about | Should -BeLike '* -SyntheticHelpProbe <int> libvirt key synthetic.help_probe (VIR_MIGRATE_PARAM_SYNTHETIC_HELP_PROBE), since libvirt 11.9.0. A synthetic knob that only help tests know*'
    }

    It 'is what Get-Help -Parameter shows in a session that has the row' {
        # Get-Help caches help per session, so a fresh PowerShell reads the copy's help.
        $script = @"
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$copy'
`$id = [Enum]::ToObject([Libvirt.Engine.Migration.MigrationParameter], 998)
`$row = [Libvirt.Engine.Migration.MigrationParameterRow]::new(`$id, 'synthetic.help_probe', 'VIR_MIGRATE_PARAM_SYNTHETIC_HELP_PROBE', [Libvirt.Engine.Migration.MigrationValueKind]::Int, '11.9.0', 'A synthetic knob that only help tests know', 'percent', [Libvirt.Engine.Migration.MigrationRange]::new(1, 7))
[Libvirt.PowerShell.Migration.MigrationTablesScope]::Current = [Libvirt.Engine.Migration.MigrationTables]::Default.WithParameter(`$row)
Get-Help Move-VMDomain -Parameter SyntheticHelpProbe | Out-String -Width 200
"@
        $out = (Invoke-ChildPowerShell -Command $script) -join "`n"
        $out | Should -BeLike '*-SyntheticHelpProbe <Int32>*A synthetic knob that only help tests know*'
    }
}
