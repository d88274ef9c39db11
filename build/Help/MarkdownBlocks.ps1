# The small part of Markdown that docs/help uses, read into blocks that the MAML and about-topic writers
# render: headings, paragraphs, bullet lists, fenced code, pipe tables and HTML comments (markers).
# A hand parser of this fixed layout keeps the build free of a Markdown library.

function ConvertFrom-HelpMarkdown {
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [AllowEmptyString()] [AllowEmptyCollection()] [string[]] $Lines)

    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($line -match '^```\s*(\S*)\s*$') {
            $lang = $Matches[1]
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i] -notmatch '^```\s*$') { $code.Add($Lines[$i]); $i++ }
            $i++ # the closing fence
            [pscustomobject]@{ Kind = 'Code'; Language = $lang; Lines = $code.ToArray() }
            continue
        }
        if ($line -match '^(#{1,6})\s+(.*?)\s*$') {
            [pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2] }
            $i++
            continue
        }
        if ($line -match '^\s*<!--(.*?)-->\s*$') {
            [pscustomobject]@{ Kind = 'Comment'; Text = $Matches[1].Trim() }
            $i++
            continue
        }
        if ($line -match '^\s*\|') {
            $rows = [System.Collections.Generic.List[object]]::new()
            while ($i -lt $Lines.Count -and $Lines[$i] -match '^\s*\|') {
                # The |---|---| line only separates the header; it carries no text.
                if ($Lines[$i] -notmatch '^\s*\|[\s:|-]+\|\s*$') { $rows.Add((Split-TableRow $Lines[$i])) }
                $i++
            }
            [pscustomobject]@{ Kind = 'Table'; Rows = $rows.ToArray() }
            continue
        }
        if ($line -match '^\s*[-*]\s+(.*)$') {
            $items = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $Lines.Count -and $Lines[$i] -match '^\s*[-*]\s+(.*)$') {
                $item = $Matches[1]
                $i++
                # Indented lines continue the item above them.
                while ($i -lt $Lines.Count -and $Lines[$i] -match '^\s{2,}(\S.*)$' -and $Lines[$i] -notmatch '^\s*[-*]\s+') { $item += ' ' + $Matches[1]; $i++ }
                $items.Add($item)
            }
            [pscustomobject]@{ Kind = 'List'; Items = $items.ToArray() }
            continue
        }
        if ($line.Trim() -eq '') { $i++; continue }

        $text = [System.Collections.Generic.List[string]]::new()
        while ($i -lt $Lines.Count -and $Lines[$i].Trim() -ne '' -and $Lines[$i] -notmatch '^(#{1,6}\s|```|\s*\||\s*[-*]\s+|\s*<!--)') {
            $text.Add($Lines[$i].Trim())
            $i++
        }
        [pscustomobject]@{ Kind = 'Paragraph'; Text = ($text -join ' ') }
    }
}

function Split-TableRow([string] $Line) {
    , @($Line.Trim().Trim('|').Split('|') | ForEach-Object { $_.Trim() })
}

# Plain text for Get-Help, which prints text as it is: links keep their text, code spans and bold lose
# their marks. Single '*' is left alone because help text is full of wildcards (web*).
function ConvertTo-PlainText([string] $Text) {
    $t = [regex]::Replace($Text, '\[([^\]]+)\]\([^)]*\)', '$1')
    $t = $t -replace '`([^`]*)`', '$1'
    $t -replace '\*\*([^*]+)\*\*', '$1'
}

# The blocks under each heading of one level, in order: @{ Title; Blocks }.
function Group-HelpSection {
    param([object[]] $Blocks, [int] $Level)
    $current = $null
    foreach ($b in $Blocks) {
        if ($b.Kind -eq 'Heading' -and $b.Level -eq $Level) {
            if ($current) { $current }
            $current = [pscustomobject]@{ Title = $b.Text; Blocks = [System.Collections.Generic.List[object]]::new() }
        }
        elseif ($current) { $current.Blocks.Add($b) }
    }
    if ($current) { $current }
}

# A pipe table as aligned text columns (Get-Help and about topics print text, not Markdown).
function Format-TableText([object[]] $Rows) {
    $plain = @($Rows | ForEach-Object { , @($_ | ForEach-Object { ConvertTo-PlainText $_ }) })
    $columns = ($plain | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum
    $widths = foreach ($c in 0..($columns - 1)) { ($plain | ForEach-Object { if ($c -lt $_.Count) { $_[$c].Length } else { 0 } } | Measure-Object -Maximum).Maximum }
    $row = 0
    foreach ($r in $plain) {
        $cells = foreach ($c in 0..($columns - 1)) { $cell = if ($c -lt $r.Count) { $r[$c] } else { '' }; $cell.PadRight($widths[$c]) }
        ($cells -join '  ').TrimEnd()
        # The header row is underlined, as PowerShell's own tables are.
        if ($row++ -eq 0) { (($widths | ForEach-Object { '-' * $_ }) -join '  ') }
    }
}

# Blocks as plain-text paragraphs (one string each), for MAML's maml:para: Get-Help wraps paragraphs
# itself, so only code and tables keep their line breaks.
function ConvertTo-HelpParagraph([object[]] $Blocks) {
    foreach ($b in $Blocks) {
        switch ($b.Kind) {
            'Paragraph' { ConvertTo-PlainText $b.Text }
            'List' { foreach ($item in $b.Items) { '- ' + (ConvertTo-PlainText $item) } }
            'Code' { ($b.Lines | ForEach-Object { '    ' + $_ }) -join "`n" }
            'Table' { (Format-TableText $b.Rows) -join "`n" }
            'Heading' { (ConvertTo-PlainText $b.Text).ToUpperInvariant() }
        }
    }
}

# Words of a text as lines of at most $Width characters (a longer word gets its own line).
function Split-TextLine([string] $Text, [int] $Width) {
    $line = ''
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line.Length -gt 0 -and $line.Length + 1 + $word.Length -gt $Width) { $line; $line = $word }
        elseif ($line.Length -gt 0) { $line += ' ' + $word }
        else { $line = $word }
    }
    if ($line) { $line }
}
