BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    function Complete([string] $line) {
        [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches
    }
}

Describe 'Tab completion of -Name' {
    BeforeAll {
        Disconnect-VMHost
        $script:uri = New-TestHost -Running 'alpha', 'alpine' -Stopped 'beta', 'with space'
    }
    AfterAll { Disconnect-VMHost }

    It 'completes Get-VMDomain -Name from the host named by -Uri' {
        $m = Complete "Get-VMDomain -Uri $uri -Name al"
        $m.CompletionText | Should -Be @('alpha', 'alpine')
        $m[0].ResultType | Should -Be 'ParameterValue'
    }

    It 'completes every name with an empty word, quoting names that need it' {
        $m = Complete "Get-VMDomain -Uri $uri -Name "
        $m.ListItemText | Should -Be @('alpha', 'alpine', 'beta', 'with space')
        ($m | Where-Object ListItemText -eq 'with space').CompletionText | Should -Be "'with space'"
    }

    It 'completes domain cmdlets from the session hosts' {
        Connect-VMHost $uri | Out-Null
        (Complete 'Start-VMDomain -Name be').CompletionText | Should -Be 'beta'
        (Complete 'Stop-VMDomain al').CompletionText | Should -Be @('alpha', 'alpine')
        Disconnect-VMHost
    }

    It 'works through TabExpansion2' {
        $line = "Remove-VMDomain -Uri $uri -Name alph"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'alpha'
    }

    It 'offers nothing, without an error, when no host is reachable' {
        $saved = $env:LIBVIRT_DEFAULT_URI
        try {
            $env:LIBVIRT_DEFAULT_URI = $null
            Disconnect-VMHost
            $m = Complete 'Get-VMDomain -Name a'
            $m | Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
        }
        finally { $env:LIBVIRT_DEFAULT_URI = $saved }
    }
}
