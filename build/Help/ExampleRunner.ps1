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
    $file = [IO.Path]::Combine([IO.Path]::GetTempPath(), "help-examples-$([guid]::NewGuid().ToString('N')).ps1")
    $literal = { param($s) "'" + ($s -replace "'", "''") + "'" }
    $script = @(
        '$ErrorActionPreference = ''Continue'''
        '$PSStyle.OutputRendering = ''PlainText'''
        '$ErrorView = ''ConciseView'''
        '$ConfirmPreference = ''None''   # no prompt can be answered here'
        "Import-Module $(& $literal $ModulePath)"
        'Connect-VMHost -Uri test:///default | Out-Null'
        'function Show-ExampleOutput($Records) {'
        '    $pending = [System.Collections.Generic.List[object]]::new()'
        '    $flush = { if ($pending.Count) { $pending | Out-String -Width 100 -Stream; $pending.Clear() } }'
        '    foreach ($r in $Records) {'
        '        if ($r -is [System.Management.Automation.WarningRecord]) { & $flush; "WARNING: $($r.Message)" }'
        '        else { $pending.Add($r) }'
        '    }'
        '    & $flush'
        '}'
        foreach ($c in $Code) {
            "'$script:ExampleMarker'"
            "Show-ExampleOutput @(& { . ([scriptblock]::Create($(& $literal $c))) } 2>&1 3>&1)"
        }
    ) -join "`n"
    Set-Content -LiteralPath $file -Value $script -Encoding utf8NoBOM
    try {
        $pwsh = [Environment]::ProcessPath
        $pre = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
        $text = & $pwsh @pre -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
    }
    finally { Remove-Item -LiteralPath $file }
    $parts = (($text -join "`n") -split [regex]::Escape($script:ExampleMarker)) | Select-Object -Skip 1
    foreach ($p in $parts) {
        # Without the blank lines PowerShell puts around tables and lists.
        , @(($p.Trim("`n") -split "`n" | ForEach-Object TrimEnd) -join "`n" -replace '^\n+|\n+$', '' -split "`n")
    }
}
