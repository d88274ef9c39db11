# Turns docs/help/about_*.md into the about_*.help.txt that Get-Help about_<Topic> prints: the
# conventional layout of about topics (TOPIC, SHORT DESCRIPTION, ... in capitals, text indented and
# wrapped at 80 columns). A <!-- generated: migration-table --> line is replaced by the migration tables.

. (Join-Path $PSScriptRoot 'MarkdownBlocks.ps1')
. (Join-Path $PSScriptRoot 'MigrationHelp.ps1')

$script:AboutWidth = 80

# What a marker comment in an about page stands for.
$script:AboutGenerators = @{
    'generated: migration-table' = { Format-MigrationTable -Width ($script:AboutWidth - 4) }
}

function ConvertTo-AboutText {
    param([Parameter(Mandatory)] [string] $Path)

    $blocks = @(ConvertFrom-HelpMarkdown -Lines @(Get-Content -LiteralPath $Path))
    $out = [System.Collections.Generic.List[string]]::new()
    $indent = '    '
    foreach ($b in $blocks) {
        switch ($b.Kind) {
            'Heading' {
                if ($out.Count -and $out[$out.Count - 1] -ne '') { $out.Add('') }
                $text = (ConvertTo-PlainText $b.Text)
                if ($b.Level -eq 1) { $out.Add('TOPIC'); $out.Add($indent + $text) }
                elseif ($b.Level -eq 2) { $out.Add($text.ToUpperInvariant()) }
                else { $out.Add('  ' + $text.ToUpperInvariant()) }
                if ($b.Level -eq 1) { $out.Add('') }
            }
            'Paragraph' { Add-Wrapped $out (ConvertTo-PlainText $b.Text) $indent $indent; $out.Add('') }
            'List' {
                foreach ($item in $b.Items) { Add-Wrapped $out (ConvertTo-PlainText $item) "$indent- " "$indent  " }
                $out.Add('')
            }
            'Code' { foreach ($l in $b.Lines) { $out.Add(("$indent    $l").TrimEnd()) }; $out.Add('') }
            'Table' { foreach ($l in Format-TableText $b.Rows) { $out.Add("$indent$l") }; $out.Add('') }
            'Comment' {
                if (-not $script:AboutGenerators.ContainsKey($b.Text)) { continue }
                foreach ($l in & $script:AboutGenerators[$b.Text]) { $out.Add(("$indent$l").TrimEnd()) }
            }
        }
    }
    while ($out.Count -and $out[$out.Count - 1] -eq '') { $out.RemoveAt($out.Count - 1) }
    $out.ToArray()
}

function Add-Wrapped($Out, [string] $Text, [string] $First, [string] $Rest) {
    $prefix = $First
    foreach ($line in Split-TextLine $Text ($script:AboutWidth - $First.Length)) {
        $Out.Add($prefix + $line)
        $prefix = $Rest
    }
}
