# Writes <Assembly>-Help.xml (MAML, the format Get-Help reads for binary modules) from the md pages and
# the cmdlets' metadata. The prose (synopsis, descriptions, examples, notes, links) comes from the page;
# syntax and every parameter attribute come from the metadata; descriptions of dynamic parameters come
# from the migration tables.

. (Join-Path $PSScriptRoot 'CommandFacts.ps1')
. (Join-Path $PSScriptRoot 'CommandHelpPage.ps1')
. (Join-Path $PSScriptRoot 'MigrationHelp.ps1')

$script:Maml = 'http://schemas.microsoft.com/maml/2004/10'
$script:Command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:Dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-MamlHelp {
    param(
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo[]] $Commands,
        [Parameter(Mandatory)] [string] $PagesPath,
        [Parameter(Mandatory)] [string] $OutFile
    )
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $OutFile)
    $w = [System.Xml.XmlWriter]::Create($OutFile, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($cmd in $Commands | Sort-Object Name) {
            $pagePath = Join-Path $PagesPath "$($cmd.Name).md"
            if (-not (Test-Path $pagePath)) { Write-Warning "No help page ${pagePath}: $($cmd.Name) gets syntax only."; $page = $null }
            else { $page = Read-CommandHelpPage -Path $pagePath }
            Write-MamlCommand $w $cmd $page
        }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
}

function Write-MamlCommand([System.Xml.XmlWriter] $W, [System.Management.Automation.CommandInfo] $Cmd, $Page) {
    $W.WriteStartElement('command', 'command', $script:Command)
    $W.WriteAttributeString('xmlns', 'maml', $null, $script:Maml)
    $W.WriteAttributeString('xmlns', 'dev', $null, $script:Dev)

    $W.WriteStartElement('details', $script:Command)
    $W.WriteElementString('name', $script:Command, $Cmd.Name)
    Write-MamlParagraphs $W @(if ($Page) { $Page.Synopsis })
    $W.WriteElementString('verb', $script:Command, $Cmd.Verb)
    $W.WriteElementString('noun', $script:Command, $Cmd.Noun)
    $W.WriteEndElement()

    Write-MamlParagraphs $W @(if ($Page) { ConvertTo-HelpParagraph $Page.Description })

    $descriptions = Get-ParameterDescriptions $Cmd $Page
    $W.WriteStartElement('syntax', $script:Command)
    foreach ($set in Get-HelpSyntax $Cmd) {
        $W.WriteStartElement('syntaxItem', $script:Command)
        $W.WriteElementString('name', $script:Maml, $Cmd.Name)
        foreach ($p in $set.Parameters) {
            $facts = Get-HelpParameterFacts $Cmd $p.Name
            # In a syntax line, required and position are the set's own.
            $facts.Required = $p.Required
            $facts.Position = if ($p.Position -ge 0) { "$($p.Position)" } else { 'Named' }
            Write-MamlParameter $W $facts $null (Get-DefaultValue $Page $facts)
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('parameters', $script:Command)
    foreach ($name in $descriptions.Keys) {
        $facts = if ($Cmd.Parameters.ContainsKey($name)) { Get-HelpParameterFacts $Cmd $name } else { Get-PageParameterFacts $Page $name }
        Write-MamlParameter $W $facts $descriptions[$name] (Get-DefaultValue $Page $facts)
    }
    $W.WriteEndElement()

    Write-MamlTypes $W 'inputTypes' 'inputType' @(if ($Page) { $Page.Inputs })
    Write-MamlTypes $W 'returnValues' 'returnValue' @(if ($Page) { $Page.Outputs })

    $W.WriteStartElement('alertSet', $script:Maml)
    $W.WriteStartElement('alert', $script:Maml)
    foreach ($para in @(if ($Page) { ConvertTo-HelpParagraph $Page.Notes })) { $W.WriteElementString('para', $script:Maml, $para) }
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('examples', $script:Command)
    foreach ($ex in @(if ($Page) { $Page.Examples })) {
        $W.WriteStartElement('example', $script:Command)
        $W.WriteElementString('title', $script:Maml, "--------- $($ex.Title) ---------")
        # The output follows the code, as on a console.
        $code = if ($ex.Output) { "$($ex.Code)`n`n$($ex.Output)" } else { $ex.Code }
        $W.WriteElementString('code', $script:Dev, $code)
        $W.WriteStartElement('remarks', $script:Dev)
        foreach ($para in ConvertTo-HelpParagraph $ex.Remarks) { $W.WriteElementString('para', $script:Maml, $para) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('relatedLinks', $script:Command)
    $links = @(if ($Page) { $Page.RelatedLinks })
    # The online link (the cmdlet's HelpUri) goes first: Get-Help -Online opens the first link with a URI.
    if ($Cmd.HelpUri -and -not ($links | Where-Object Uri -eq $Cmd.HelpUri)) { $links = @([pscustomobject]@{ Text = 'Online Version:'; Uri = $Cmd.HelpUri }) + $links }
    foreach ($l in $links) {
        $W.WriteStartElement('navigationLink', $script:Maml)
        $W.WriteElementString('linkText', $script:Maml, $l.Text)
        $W.WriteElementString('uri', $script:Maml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

# name -> paragraphs: the page's parameters in page order, then the dynamic parameters it leaves to the
# migration tables, then anything else the command has (left without a description: the help tests
# report it).
function Get-ParameterDescriptions([System.Management.Automation.CommandInfo] $Cmd, $Page) {
    $result = [ordered]@{}
    if ($Page) { foreach ($p in $Page.Parameters.Values) { $result[$p.Name] = @(ConvertTo-HelpParagraph $p.Description) } }
    $fromTables = Get-MigrationParameterHelp
    foreach ($name in Get-HelpParameterName $Cmd) {
        if ($result.Contains($name)) { continue }
        $result[$name] = if ($Cmd.Parameters[$name].IsDynamic -and $fromTables.ContainsKey($name)) { @($fromTables[$name]) } else { @() }
    }
    $result
}

# The page's word for it, else what a parameter the page leaves to the tables starts as.
function Get-DefaultValue($Page, $Facts) {
    $name = $Facts.Name
    if ($Page -and $Page.Parameters.Contains($name) -and $Page.Parameters[$name].Facts['Default value']) { return $Page.Parameters[$name].Facts['Default value'] }
    if ($Facts.IsSwitch) { 'False' } else { 'None' }
}

# A parameter the page documents but the command no longer has: written as the page states it, so that
# Get-Help shows the stale entry and the help tests catch it.
function Get-PageParameterFacts($Page, [string] $Name) {
    $f = $Page.Parameters[$Name].Facts
    $fact = { param($key, $default) if ($f[$key]) { $f[$key] } else { $default } }
    [pscustomobject]@{
        Name = $Name; Type = & $fact 'Type' 'Object'; FullType = & $fact 'Type' 'Object'; IsSwitch = $f['Type'] -eq 'SwitchParameter'; IsDynamic = $false
        Sets = & $fact 'Parameter Sets' '(All)'; Aliases = & $fact 'Aliases' 'None'; Required = $f['Required'] -eq 'True'; Position = & $fact 'Position' 'Named'
        Pipeline = & $fact 'Accept pipeline input' 'False'; Wildcards = $f['Accept wildcard characters'] -eq 'True'; ValidValues = @()
    }
}

function Write-MamlParameter([System.Xml.XmlWriter] $W, $Facts, [string[]] $Description, [string] $DefaultValue) {
    $W.WriteStartElement('parameter', $script:Command)
    $W.WriteAttributeString('required', "$($Facts.Required)".ToLowerInvariant())
    $W.WriteAttributeString('variableLength', "$($Facts.Type.EndsWith('[]'))".ToLowerInvariant())
    $W.WriteAttributeString('globbing', "$($Facts.Wildcards)".ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Facts.Pipeline)
    $W.WriteAttributeString('position', $(if ($Facts.Position -eq 'Named') { 'named' } else { $Facts.Position }))
    $W.WriteAttributeString('aliases', $(if ($Facts.Aliases -eq 'None') { 'none' } else { $Facts.Aliases }))
    $W.WriteElementString('name', $script:Maml, $Facts.Name)
    if ($null -ne $Description) { Write-MamlParagraphs $W $Description }
    if ($Facts.ValidValues.Count) {
        $W.WriteStartElement('parameterValueGroup', $script:Command)
        foreach ($v in $Facts.ValidValues) { Write-MamlValue $W $v $false }
        $W.WriteEndElement()
    }
    if (-not $Facts.IsSwitch) { Write-MamlValue $W $Facts.Type $true }
    $W.WriteStartElement('type', $script:Dev)
    $W.WriteElementString('name', $script:Maml, $Facts.FullType)
    $W.WriteEndElement()
    $W.WriteElementString('defaultValue', $script:Dev, $DefaultValue)
    $W.WriteEndElement()
}

function Write-MamlValue([System.Xml.XmlWriter] $W, [string] $Text, [bool] $Required) {
    $W.WriteStartElement('parameterValue', $script:Command)
    $W.WriteAttributeString('required', "$Required".ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'false')
    $W.WriteString($Text)
    $W.WriteEndElement()
}

function Write-MamlParagraphs([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $W.WriteStartElement('description', $script:Maml)
    foreach ($p in $Paragraphs) { $W.WriteElementString('para', $script:Maml, $p) }
    $W.WriteEndElement()
}

function Write-MamlTypes([System.Xml.XmlWriter] $W, [string] $List, [string] $Item, [object[]] $Types) {
    $W.WriteStartElement($List, $script:Command)
    foreach ($t in $Types) {
        $W.WriteStartElement($Item, $script:Command)
        $W.WriteStartElement('type', $script:Dev)
        $W.WriteElementString('name', $script:Maml, $t.Type)
        $W.WriteEndElement()
        Write-MamlParagraphs $W @(ConvertTo-HelpParagraph $t.Description)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}
