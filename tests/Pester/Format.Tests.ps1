BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Default views' {
    BeforeAll { Disconnect-VMHost; $script:uri = New-TestHost -Running 'viewvm' }
    AfterAll { Disconnect-VMHost }

    It 'VMDomain table has the columns Name, State, Id, VCpus, MemoryMB, Host in that order' {
        $text = Get-VMDomain -Uri $uri | Format-Table | Out-String -Width 200
        $header = ($text -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1).Trim()
        ($header -split '\s+') | Should -Be @('Name', 'State', 'Id', 'VCpus', 'MemoryMB', 'Host')
        $text | Should -Match 'viewvm\s+Running\s+\d+\s+2\s+512\s+p-'
    }

    It 'the default output of Get-VMDomain is that table' {
        $text = Get-VMDomain -Uri $uri | Out-String -Width 200
        $text | Should -Match 'Name\s+State\s+Id\s+VCpus\s+MemoryMB\s+Host'
        $text | Should -Not -Match 'Uuid'
    }

    It 'VMHost and VMHostConnection have table views' {
        (Get-VMHost -Uri $uri | Out-String -Width 200) | Should -Match 'Hostname\s+HypervisorType\s+LibvirtVersion\s+Cpus\s+MemoryMB\s+Uri'
        (Connect-VMHost $uri | Out-String -Width 200) | Should -Match 'Uri\s+Hostname\s+Transport\s+IsOpen'
    }
}
