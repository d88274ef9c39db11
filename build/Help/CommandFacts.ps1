# What a cmdlet's own metadata says about its parameters and syntax. The MAML's SYNTAX and parameter
# attributes come from here, not from prose, so Get-Help cannot drift from the code; the md pages' yaml
# blocks and SYNTAX are written from the same facts (Update-HelpPage.ps1) and tested against them.

# PowerShell's own parameters: Get-Help adds [<CommonParameters>] itself. WhatIf and Confirm are
# documented like any other parameter, as PowerShell's own help does.
$script:CommonParameterNames = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'

$script:ShortTypeNames = @{
    'System.String'                                = 'String'
    'System.Int32'                                 = 'Int32'
    'System.UInt32'                                = 'UInt32'
    'System.Int64'                                 = 'Int64'
    'System.UInt64'                                = 'UInt64'
    'System.Boolean'                               = 'Boolean'
    'System.Object'                                = 'Object'
    'System.Guid'                                  = 'Guid'
    'System.Management.Automation.SwitchParameter' = 'SwitchParameter'
}

function Get-HelpTypeName([type] $Type) {
    $suffix = ''
    if ($Type.IsArray) { $suffix = '[]'; $Type = $Type.GetElementType() }
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $Type = $inner }
    $name = if ($script:ShortTypeNames.ContainsKey($Type.FullName)) { $script:ShortTypeNames[$Type.FullName] } else { $Type.Name }
    $name + $suffix
}

# The documented parameters of a command: everything but the common parameters.
function Get-HelpParameterName([System.Management.Automation.CommandInfo] $Command) {
    $Command.Parameters.Keys | Where-Object { $_ -notin $script:CommonParameterNames }
}

# The allowed values Get-Help shows as {a | b | c}: a ValidateSet, or the names of an enum.
function Get-HelpValidValues([System.Management.Automation.ParameterMetadata] $Parameter) {
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $t = $Parameter.ParameterType
    if ($t.IsArray) { $t = $t.GetElementType() }
    $inner = [Nullable]::GetUnderlyingType($t)
    if ($inner) { $t = $inner }
    if ($t.IsEnum) { return @([Enum]::GetNames($t)) }
    @()
}

function Format-PipelineInput([bool] $ByValue, [bool] $ByPropertyName) {
    $how = @(if ($ByValue) { 'ByValue' }) + @(if ($ByPropertyName) { 'ByPropertyName' })
    if ($how.Count -eq 0) { 'False' } else { "True ($($how -join ', '))" }
}

# One parameter's facts, as the yaml block of a page states them.
function Get-HelpParameterFacts {
    param([System.Management.Automation.CommandInfo] $Command, [string] $Name)

    $p = $Command.Parameters[$Name]
    $sets = @($p.ParameterSets.Keys)
    $all = $sets -contains '__AllParameterSets'
    $inSets = @($p.ParameterSets.Values)
    # A parameter's position may differ per set; the yaml block states the first set's (as PlatyPS does).
    $position = ($inSets | ForEach-Object { $_.Position } | Where-Object { $_ -ge 0 } | Select-Object -First 1)
    [pscustomobject]@{
        Name        = $Name
        Type        = Get-HelpTypeName $p.ParameterType
        FullType    = $p.ParameterType.FullName
        IsSwitch    = $p.SwitchParameter
        IsDynamic   = $p.IsDynamic
        Sets        = if ($all -or $sets.Count -eq $Command.ParameterSets.Count) { '(All)' } else { ($sets | Sort-Object) -join ', ' }
        Aliases     = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'None' }
        Required    = [bool]($inSets | Where-Object IsMandatory)
        Position    = if ($null -ne $position) { "$position" } else { 'Named' }
        Pipeline    = Format-PipelineInput ([bool]($inSets | Where-Object ValueFromPipeline)) ([bool]($inSets | Where-Object ValueFromPipelineByPropertyName))
        Wildcards   = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        ValidValues = @(Get-HelpValidValues $p)
    }
}

# The command's syntax, one entry per parameter set, default set first. Parameters are ordered as
# PowerShell prints them: positional ones by position, then mandatory ones, then the rest in declared order.
function Get-HelpSyntax {
    param([System.Management.Automation.CommandInfo] $Command, [switch] $ExcludeDynamic)

    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $params = @($set.Parameters | Where-Object {
                $_.Name -notin $script:CommonParameterNames -and -not ($ExcludeDynamic -and $Command.Parameters[$_.Name].IsDynamic)
            })
        $positional = @($params | Where-Object Position -ge 0 | Sort-Object Position)
        $mandatory = @($params | Where-Object { $_.Position -lt 0 -and $_.IsMandatory })
        $rest = @($params | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory -and $_.Name -notin 'WhatIf', 'Confirm' })
        $last = @($params | Where-Object { $_.Name -in 'WhatIf', 'Confirm' })
        $ordered = $positional + $mandatory + $rest + $last
        [pscustomobject]@{
            SetName    = $set.Name
            IsDefault  = $set.IsDefault
            Parameters = @($ordered | ForEach-Object {
                    [pscustomobject]@{
                        Name        = $_.Name
                        Type        = Get-HelpTypeName $_.ParameterType
                        IsSwitch    = $_.ParameterType -eq [System.Management.Automation.SwitchParameter]
                        Required    = $_.IsMandatory
                        Position    = $_.Position
                        ValidValues = @(Get-HelpValidValues $Command.Parameters[$_.Name])
                    }
                })
            Text       = Format-SyntaxLine $Command.Name $ordered
        }
    }
}

function Format-SyntaxLine([string] $CommandName, [object[]] $Parameters) {
    $parts = foreach ($p in $Parameters) {
        $name = if ($p.Position -ge 0) { "[-$($p.Name)]" } else { "-$($p.Name)" }
        $text = if ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $name } else { "$name <$(Get-HelpTypeName $p.ParameterType)>" }
        if ($p.IsMandatory) { $text } else { "[$text]" }
    }
    (@($CommandName) + @($parts) + '[<CommonParameters>]') -join ' '
}
