BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# The README's quick start must run as written on a fresh clone (issue 9): this runs its first PowerShell
# block in a new, non-interactive PowerShell from the repository root, failing on any error.
Describe 'README quick start' {
    BeforeAll {
        $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $readme = Get-Content (Join-Path $Root 'README.md') -Raw
        $section = $readme.Substring($readme.IndexOf('## Quick start'))
        $script:Block = [regex]::Match($section, '```powershell\r?\n(.*?)\r?\n```', 'Singleline').Groups[1].Value
    }

    It 'has a quick start that uses the shipped example XML' {
        $Block | Should -Match 'Import-Module \./out/Libvirt'
        $Block | Should -Match 'New-VMDomain -Path (\./examples/\S+\.xml)'
        $xmlPath = [regex]::Match($Block, 'New-VMDomain -Path \./(examples/\S+\.xml)').Groups[1].Value
        Test-Path (Join-Path $Root $xmlPath) | Should -BeTrue
    }

    It 'runs verbatim in a non-interactive PowerShell without a single error' {
        # The module the suite tests is the one the quick start imports (build.ps1 lays it out in out/Libvirt).
        (Resolve-Path $ModulePath).Path | Should -Be (Resolve-Path (Join-Path $Root 'out/Libvirt')).Path
        # Line by line, each line's output formatted on its own, as in an interactive session (one script would
        # format every later object like the first one).
        $lines = ($Block -split '\r?\n' | Where-Object { $_.Trim() } | ForEach-Object { ". {`n$_`n} | Out-Default" }) -join "`n"
        $script = "`$ErrorActionPreference = 'Stop'`n" + $lines + "`n'quick start finished'"
        [string[]] $pwsh = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        Push-Location $Root
        try { $out = '' | & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1 | Out-String }
        finally { Pop-Location }
        $LASTEXITCODE | Should -Be 0 -Because $out
        $out | Should -Match 'quick start finished'
        $out | Should -Match 'web01'
        $out | Should -Match 'What if: .*Remove'
        $out | Should -Match 'Example 1'   # Get-Help Stop-VMDomain -Examples shows the MAML examples
    }
}
