# Fills the ```output blocks of a page's examples with what the examples really print. The examples of one
# page run in order in a fresh PowerShell connected to test:///default (so each page starts from the test
# hypervisor's initial state: one running domain, 'test'). Examples without an output block are not run:
# they are the ones that need a real host.

$script:ExampleMarker = '#<<example-output>>#'

function Update-ExampleOutput([string[]] $Lines, [string] $ModulePath) {
    $examples = @(Find-ExampleBlocks $Lines)
    if ($examples.Count -eq 0) { return $Lines }
    $outputs = @(Invoke-Examples ($examples | ForEach-Object Code) $ModulePath)
    # Replace from the last block up, so earlier indices stay valid.
    for ($k = $examples.Count - 1; $k -ge 0; $k--) {
        $e = $examples[$k]
        $before = if ($e.OutputStart -gt 0) { @($Lines[0..$e.OutputStart]) } else { @() }
        $Lines = $before + @($outputs[$k]) + @($Lines[$e.OutputEnd..($Lines.Count - 1)])
    }
    $Lines
}

# Each example with an output block: its code and the line numbers of the output fence (start and end).
function Find-ExampleBlocks([string[]] $Lines) {
    $code = $null
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        if ($Lines[$i] -match '^### Example') { $code = $null }
        elseif ($Lines[$i] -eq '```powershell') {
            $j = $i + 1
            while ($Lines[$j] -ne '```') { $j++ }
            $code = if ($j -gt $i + 1) { $Lines[($i + 1)..($j - 1)] -join "`n" } else { '' }
            $i = $j
        }
        elseif ($Lines[$i] -eq '```output' -and $null -ne $code) {
            $j = $i + 1
            while ($Lines[$j] -ne '```') { $j++ }
            [pscustomobject]@{ Code = $code; OutputStart = $i; OutputEnd = $j }
            $i = $j
        }
    }
}

# Runs the examples in one child PowerShell and returns each one's output as an array of lines.
function Invoke-Examples([string[]] $Code, [string] $ModulePath) {
    $file = [IO.Path]::Combine([IO.Path]::GetTempPath(), "help-examples-$([guid]::NewGuid().ToString('N')).json")
    ConvertTo-Json -InputObject @($Code) | Set-Content -LiteralPath $file -Encoding utf8NoBOM
    try { $text = Invoke-ChildPowerShell -File (Join-Path $PSScriptRoot 'Run-HelpExamples.ps1') -ModulePath $ModulePath -ExamplesFile $file -Marker $script:ExampleMarker }
    finally { Remove-Item -LiteralPath $file }
    $parts = (($text -join "`n") -split [regex]::Escape($script:ExampleMarker)) | Select-Object -Skip 1
    foreach ($p in $parts) {
        # Without the blank lines PowerShell puts around tables and lists.
        $lines = @($p -split "`n" | ForEach-Object TrimEnd)
        $first = 0; $last = $lines.Count - 1
        while ($first -le $last -and $lines[$first] -eq '') { $first++ }
        while ($last -ge $first -and $lines[$last] -eq '') { $last-- }
        , @(if ($first -le $last) { $lines[$first..$last] })
    }
}

# Runs a PowerShell like this one (pwsh itself, or dotnet + pwsh.dll for the dotnet tool) and returns
# its output and error lines as text.
function Invoke-ChildPowerShell {
    $exe = [Environment]::ProcessPath
    $pre = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    & $exe @pre -NoProfile -NonInteractive @args 2>&1 | ForEach-Object { "$_" }
}
