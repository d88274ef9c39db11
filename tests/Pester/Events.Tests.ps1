# Events and waiting on the embedded test hypervisor, whose events are libvirt's test driver's (lifecycle only).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Runs a script in a runspace of this process (the test hypervisor is in-process) while the caller waits.
    function Start-Background([scriptblock] $Script, [object[]] $Arguments) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'").AddStatement().AddScript($Script)
        foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
        @{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }
    function Receive-Background($job) { try { $job.PowerShell.EndInvoke($job.Handle) } finally { $job.PowerShell.Dispose() } }
}

Describe 'Register-VMDomainEvent' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' -Stopped 's' }
    AfterEach { Get-EventSubscriber -Force | Where-Object SourceIdentifier -like 'lv-*' | Unregister-Event -Force; Get-Event | Remove-Event }

    It 'queues matching lifecycle events in order with the domain event as SourceEventArgs' {
        Register-VMDomainEvent -Uri $uri -Name r -SourceIdentifier lv-life | Should -BeNullOrEmpty
        Suspend-VMDomain -Uri $uri -Name r -Confirm:$false
        Resume-VMDomain -Uri $uri -Name r
        Start-VMDomain -Uri $uri -Name s    # another domain: filtered out by -Name
        $first = Wait-Event -SourceIdentifier lv-life -Timeout 10
        $events = @(Get-Event -SourceIdentifier lv-life)
        $events.Count | Should -Be 2
        $events[0].SourceEventArgs | Should -BeOfType Libvirt.Engine.Events.DomainEvent
        @($events | ForEach-Object { "$($_.SourceEventArgs.Type)/$($_.SourceEventArgs.Detail)" }) | Should -Be @('Suspended/Paused', 'Resumed/Unpaused')
        $events[0].SourceEventArgs.DomainName | Should -Be 'r'
        $events[0].SourceEventArgs.Uri | Should -Be $uri
        $null = $first
    }

    It 'runs -Action for each event, and after Unregister-Event nothing more arrives' {
        $global:lvSeen = [System.Collections.ArrayList]::new()
        $job = Register-VMDomainEvent -Uri $uri -SourceIdentifier lv-act -EventType Lifecycle -Action { $null = $global:lvSeen.Add($Event.SourceEventArgs.Type) }
        $job | Should -BeOfType System.Management.Automation.PSEventJob
        Stop-VMDomain -Uri $uri -Name r -TurnOff -Confirm:$false
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($global:lvSeen.Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        @($global:lvSeen) | Should -Be @('Stopped')
        Unregister-Event -SourceIdentifier lv-act
        Start-VMDomain -Uri $uri -Name s
        Start-Sleep -Milliseconds 300
        @($global:lvSeen) | Should -Be @('Stopped')
    }

    It 'filters by -EventType: a Reboot-only subscription gets no lifecycle event' {
        Register-VMDomainEvent -Uri $uri -SourceIdentifier lv-reboot -EventType Reboot
        Suspend-VMDomain -Uri $uri -Name r -Confirm:$false
        Wait-Event -SourceIdentifier lv-reboot -Timeout 1 | Should -BeNullOrEmpty
    }

    It 'takes domains from the pipeline' {
        Get-VMDomain -Uri $uri -Name s | Register-VMDomainEvent -SourceIdentifier lv-pipe
        Suspend-VMDomain -Uri $uri -Name r -Confirm:$false
        Start-VMDomain -Uri $uri -Name s
        $e = Wait-Event -SourceIdentifier lv-pipe -Timeout 10
        $e.SourceEventArgs.DomainName | Should -Be 's'
        @(Get-Event -SourceIdentifier lv-pipe).Count | Should -Be 1
    }

    It 'refuses a source identifier in use with SourceIdentifierInUse' {
        Register-VMDomainEvent -Uri $uri -SourceIdentifier lv-dup
        { Register-VMDomainEvent -Uri $uri -SourceIdentifier lv-dup -ErrorAction Stop } |
            Should -Throw -ErrorId (Get-FullId 'SourceIdentifierInUse' 'RegisterVMDomainEventCommand')
        @(Get-EventSubscriber -SourceIdentifier lv-dup).Count | Should -Be 1
    }

    It 'refuses an unknown -EventType before registering' {
        { Register-VMDomainEvent -Uri $uri -EventType Bogus -ErrorAction Stop } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,Libvirt.PowerShell.Commands.RegisterVMDomainEventCommand'
        @(Get-EventSubscriber).Count | Should -Be 0
    }
}

Describe 'Get-VMDomainEvent' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' }

    It 'writes the events as they happen until -Count' {
        $job = Start-Background { param($u) Start-Sleep -Milliseconds 1500; Suspend-VMDomain -Uri $u -Name r -Confirm:$false; Resume-VMDomain -Uri $u -Name r } $uri
        $events = @(Get-VMDomainEvent -Uri $uri -Wait -Count 2 -TimeoutSec 30)
        Receive-Background $job
        $events.Count | Should -Be 2
        $events[0].Kind | Should -Be 'Lifecycle'
        $events.Type | Should -Be @('Suspended', 'Resumed')
    }

    It 'ends quietly at -TimeoutSec with what it got' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        @(Get-VMDomainEvent -Uri $uri -Wait -TimeoutSec 1 -ErrorVariable err).Count | Should -Be 0
        $err.Count | Should -Be 0
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
    }

    It 'without -Wait is the error WaitRequired' {
        { Get-VMDomainEvent -Uri $uri -ErrorAction Stop } | Should -Throw -ErrorId (Get-FullId 'WaitRequired' 'GetVMDomainEventCommand')
    }
}

Describe 'Wait-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' -Stopped 's' }

    It 'returns at once when the domain is already there, with -PassThru the domain' {
        $d = Wait-VMDomain -Uri $uri -Name r -State Running -TimeoutSec 5 -PassThru
        $d.Name | Should -Be 'r'
        $d.State | Should -Be 'Running'
    }

    It 'is woken by the event of the change it waits for' {
        $job = Start-Background { param($u) Start-Sleep -Milliseconds 1000; Start-VMDomain -Uri $u -Name s } $uri
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $d = Wait-VMDomain -Uri $uri -Name s -TimeoutSec 30 -PassThru
        Receive-Background $job
        $d.State | Should -Be 'Running'
        # Woken by the lifecycle event, not by the 5 s recheck.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 4.5
    }

    It 'times out with WaitTimeout, non-terminating, and goes on with the next domain' {
        $out = Wait-VMDomain -Uri $uri -Name s, r -State Running -TimeoutSec 1 -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-FullId 'WaitTimeout' 'WaitVMDomainCommand')
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($err[0])" | Should -Match "domain 's'"
        $out.Name | Should -Be 'r'
    }

    It '-For Job returns when the domain has no job' {
        Wait-VMDomain -Uri $uri -Name r -For Job -TimeoutSec 5 -PassThru | ForEach-Object Name | Should -Be 'r'
    }
}
