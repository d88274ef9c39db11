# Reads one docs/help/<Cmdlet>.md page (PlatyPS's layout) into an object the MAML writer and the tests use:
# front matter, synopsis, description, examples, parameters (description + yaml facts), inputs, outputs,
# notes and related links.

. (Join-Path $PSScriptRoot 'MarkdownBlocks.ps1')

function Read-CommandHelpPage {
    param([Parameter(Mandatory)] [string] $Path)

    $lines = @(Get-Content -LiteralPath $Path)
    $front = [ordered]@{}
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $end = [array]::IndexOf($lines, '---', 1)
        if ($end -lt 0) { throw "${Path}: the front matter has no closing '---'." }
        $front = Read-YamlFacts $lines[1..($end - 1)]
        $start = $end + 1
    }
    $blocks = @(ConvertFrom-HelpMarkdown -Lines $lines[$start..($lines.Count - 1)])
    $title = $blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 } | Select-Object -First 1
    if (-not $title) { throw "${Path}: no '# <Cmdlet>' title." }

    $sections = @{}
    foreach ($s in Group-HelpSection -Blocks $blocks -Level 2) { $sections[$s.Title.ToUpperInvariant()] = @($s.Blocks) }
    $section = { param($name) if ($sections.ContainsKey($name)) { $sections[$name] } else { @() } }

    [pscustomobject]@{
        Path         = $Path
        Name         = $title.Text
        FrontMatter  = $front
        Synopsis     = (@(& $section 'SYNOPSIS' | Where-Object Kind -eq 'Paragraph') | ForEach-Object Text) -join ' '
        Description  = @(& $section 'DESCRIPTION')
        Examples     = @(Read-Examples (& $section 'EXAMPLES'))
        Parameters   = Read-Parameters (& $section 'PARAMETERS') $Path
        Inputs       = @(Read-TypeList (& $section 'INPUTS'))
        Outputs      = @(Read-TypeList (& $section 'OUTPUTS'))
        Notes        = @(& $section 'NOTES')
        RelatedLinks = @(Read-Links (& $section 'RELATED LINKS'))
    }
}

# "Key: value" lines (the front matter and the parameters' yaml blocks); no nesting is needed.
function Read-YamlFacts([string[]] $Lines) {
    $facts = [ordered]@{}
    foreach ($l in $Lines) {
        if ($l -match '^([^:]+):\s*(.*)$') { $facts[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $facts
}

# ### Example N: title, then a ```powershell block (the code), an optional ```output block (what it
# printed on test:///default) and remarks.
function Read-Examples([object[]] $Blocks) {
    foreach ($ex in Group-HelpSection -Blocks $Blocks -Level 3) {
        $code = @($ex.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -ne 'output' }) | Select-Object -First 1
        $output = @($ex.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'output' }) | Select-Object -First 1
        [pscustomobject]@{
            Title   = $ex.Title
            Code    = if ($code) { $code.Lines -join "`n" } else { '' }
            Output  = if ($output) { $output.Lines -join "`n" } else { $null }
            Remarks = @($ex.Blocks | Where-Object { $_.Kind -ne 'Code' })
        }
    }
}

# ### -Name sections: the prose is the description, the ```yaml block the facts. CommonParameters is
# PowerShell's own and is not a parameter of the page.
function Read-Parameters([object[]] $Blocks, [string] $Path) {
    $parameters = [ordered]@{}
    foreach ($p in Group-HelpSection -Blocks $Blocks -Level 3) {
        if ($p.Title -notmatch '^-(\w+)$') { continue }
        $yaml = @($p.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' }) | Select-Object -First 1
        if (-not $yaml) { throw "${Path}: parameter $($p.Title) has no yaml block." }
        $parameters[$Matches[1]] = [pscustomobject]@{
            Name        = $Matches[1]
            Description = @($p.Blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') })
            Facts       = Read-YamlFacts $yaml.Lines
        }
    }
    $parameters
}

# ### TypeName headings, each with a description (INPUTS and OUTPUTS).
function Read-TypeList([object[]] $Blocks) {
    foreach ($t in Group-HelpSection -Blocks $Blocks -Level 3) {
        [pscustomobject]@{ Type = $t.Title; Description = @($t.Blocks) }
    }
}

# [text](uri) lines; a page link (Get-VMDomain.md) has no uri in MAML, Get-Help finds it by name.
function Read-Links([object[]] $Blocks) {
    foreach ($b in $Blocks | Where-Object { $_.Kind -in 'Paragraph', 'List' }) {
        $texts = if ($b.Kind -eq 'List') { $b.Items } else { @($b.Text) }
        foreach ($t in $texts) {
            foreach ($m in [regex]::Matches($t, '\[([^\]]+)\]\(([^)]*)\)')) {
                $uri = $m.Groups[2].Value
                [pscustomobject]@{ Text = $m.Groups[1].Value; Uri = if ($uri -match '^https?://') { $uri } else { '' } }
            }
        }
    }
}
