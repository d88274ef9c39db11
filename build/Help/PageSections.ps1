# The parts of a docs/help/<Cmdlet>.md page that are written from the cmdlet's metadata (SYNTAX and the
# parameters' yaml blocks), as lines, and the skeleton of a new page. Used by Update-HelpPage.ps1.

$script:CommonParametersText = @(
    '### CommonParameters'
    ''
    'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction,'
    '-InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose,'
    '-WarningAction and -WarningVariable. See [about_CommonParameters](https://go.microsoft.com/fwlink/?LinkID=113216).'
)

function Format-SyntaxSection([System.Management.Automation.CommandInfo] $Cmd) {
    '## SYNTAX'
    ''
    foreach ($set in Get-HelpSyntax $Cmd -ExcludeDynamic) {
        $title = if ($set.SetName -eq '__AllParameterSets') { 'All' } else { $set.SetName }
        if ($set.IsDefault -and @($Cmd.ParameterSets).Count -gt 1) { $title += ' (Default)' }
        "### $title"
        '```'
        $set.Text
        '```'
        ''
    }
}

function Format-ParameterYaml($Facts, [string] $DefaultValue) {
    '```yaml'
    "Type: $($Facts.Type)"
    "Parameter Sets: $($Facts.Sets)"
    "Aliases: $($Facts.Aliases)"
    ''
    "Required: $($Facts.Required)"
    "Position: $($Facts.Position)"
    "Default value: $DefaultValue"
    "Accept pipeline input: $($Facts.Pipeline)"
    "Accept wildcard characters: $($Facts.Wildcards)"
    '```'
}

# The default a new yaml block states: the value a fresh instance of the cmdlet holds.
function Get-InitialDefault([System.Management.Automation.CommandInfo] $Cmd, [string] $Name) {
    if ($Cmd.Parameters[$Name].SwitchParameter) { return 'False' }
    $property = $Cmd.ImplementingType.GetProperty($Name)
    if (-not $property) { return 'None' }
    $value = $property.GetValue([Activator]::CreateInstance($Cmd.ImplementingType))
    if ($null -eq $value -or ($value -is [array] -and $value.Count -eq 0) -or "$value" -eq '') { 'None' } else { "$value" }
}

function New-HelpPageLines([System.Management.Automation.CommandInfo] $Cmd) {
    '---'
    'external help file: Libvirt.PowerShell.dll-Help.xml'
    'Module Name: Libvirt'
    "online version: $($Cmd.HelpUri)"
    'schema: 2.0.0'
    '---'
    ''
    "# $($Cmd.Name)"
    ''
    '## SYNOPSIS'
    ''
    '## SYNTAX'
    ''
    '## DESCRIPTION'
    ''
    '## EXAMPLES'
    ''
    '## PARAMETERS'
    ''
    $script:CommonParametersText
    ''
    '## INPUTS'
    ''
    '## OUTPUTS'
    ''
    '## NOTES'
    ''
    '## RELATED LINKS'
    ''
    "[Online Version]($($Cmd.HelpUri))"
}

# Index of the '## Title' line and of the line after its section.
function Find-Section([string[]] $Lines, [string] $Title) {
    $start = [array]::IndexOf($Lines, "## $Title")
    if ($start -lt 0) { throw "The page has no '## $Title' section." }
    $end = $start + 1
    while ($end -lt $Lines.Count -and $Lines[$end] -notmatch '^## ') { $end++ }
    $start, $end
}

function Update-SyntaxSection([string[]] $Lines, [System.Management.Automation.CommandInfo] $Cmd) {
    $start, $end = Find-Section $Lines 'SYNTAX'
    @($Lines[0..($start - 1)]) + @(Format-SyntaxSection $Cmd) + @($Lines[$end..($Lines.Count - 1)])
}

function Update-ParameterSections([string[]] $Lines, [System.Management.Automation.CommandInfo] $Cmd) {
    $start, $end = Find-Section $Lines 'PARAMETERS'
    $out = [System.Collections.Generic.List[string]]::new()
    $seen = @{}
    $current = $null
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($i -gt $start -and $i -lt $end) {
            if ($line -match '^### -(\w+)\s*$') {
                $current = $Matches[1]
                $seen[$current] = $true
                if (-not $Cmd.Parameters.ContainsKey($current)) { Write-Warning "$($Cmd.Name): the page documents -$current, which the cmdlet does not have." ; $current = $null }
            }
            elseif ($line -eq '### CommonParameters') {
                foreach ($n in Get-HelpParameterName $Cmd | Sort-Object | Where-Object { -not $seen.ContainsKey($_) -and -not $Cmd.Parameters[$_].IsDynamic }) {
                    $out.Add("### -$n"); $out.Add('')
                    foreach ($l in Format-ParameterYaml (Get-HelpParameterFacts $Cmd $n) (Get-InitialDefault $Cmd $n)) { $out.Add($l) }
                    $out.Add('')
                    $seen[$n] = $true
                }
                $current = $null
            }
            elseif ($line -eq '```yaml' -and $current) {
                $j = $i + 1
                $default = $null
                while ($j -lt $Lines.Count -and $Lines[$j] -ne '```') { if ($Lines[$j] -match '^Default value:\s*(.*)$') { $default = $Matches[1] }; $j++ }
                # A switch is never "None"; other defaults are the author's words once written.
                if (-not $default -or ($default -eq 'None' -and $Cmd.Parameters[$current].SwitchParameter)) { $default = Get-InitialDefault $Cmd $current }
                foreach ($l in Format-ParameterYaml (Get-HelpParameterFacts $Cmd $current) $default) { $out.Add($l) }
                $i = $j + 1
                continue
            }
        }
        $out.Add($line)
        $i++
    }
    $out.ToArray()
}
