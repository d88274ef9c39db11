# A session connection whose daemon is killed and restarted (issue 10 item 6, issue 11): IsOpen tells the
# truth, a command while the daemon is down fails with the reason, and the next command after the restart
# reconnects by itself. Needs the hosts of tests/hosts/start.sh; kills and restarts only host1 of
# LIBVIRT_PS_STATE_DIR, through tests/hosts/fault.sh.

BeforeDiscovery {
    $script:HostsReady = [bool]$env:LIBVIRT_PS_HOST1_SOCK
}

BeforeAll {
    $module = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../../../out/Libvirt' }
    Import-Module $module -Force
    if (-not $env:LIBVIRT_PS_HOST1_SOCK -and $env:LIBVIRT_PS_REQUIRE_HOSTS -eq '1') {
        throw 'LIBVIRT_PS_REQUIRE_HOSTS=1 but the real libvirt hosts are not running (LIBVIRT_PS_HOST1_SOCK is unset).'
    }
    $script:Fault = Join-Path $PSScriptRoot '../../hosts/fault.sh'
    function Invoke-Fault([string] $Action) {
        & bash $Fault $env:LIBVIRT_PS_STATE_DIR 1 $Action
        if ($LASTEXITCODE -ne 0) { throw "fault.sh $Action failed" }
    }
}

Describe 'A session connection survives a daemon restart' -Skip:(-not $HostsReady) {
    BeforeAll { Disconnect-VMHost }
    AfterAll {
        Disconnect-VMHost
        # Leave host1 running whatever happened above.
        & bash $Fault $env:LIBVIRT_PS_STATE_DIR 1 restart 2>$null
    }

    It 'says it is closed, reports the reason while the daemon is down, and reconnects after the restart' {
        $c = Connect-VMHost -Uri $env:LIBVIRT_PS_HOST1_URI
        Invoke-Fault kill
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($c.IsOpen -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $c.IsOpen | Should -BeFalse

        # One reconnect attempt (a warning says why it failed), then the host's error, not a hang.
        Get-VMDomain -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue
        $w[0] | Should -Match 'was lost .* and reconnecting failed: Failed to connect socket'
        $e[0].Exception.Message | Should -Match 'closed the connection|was lost'

        Invoke-Fault restart
        (Get-VMHost).Hostname | Should -Be $env:LIBVIRT_PS_HOST1_NAME
        $c.IsOpen | Should -BeTrue
        $c.Reconnects | Should -Be 1
    }
}
