BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Start-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Stopped 'a', 'b' -Running 'r' }
    AfterAll { Disconnect-VMHost }

    It 'starts by -Name and returns nothing without -PassThru' {
        Start-VMDomain -Uri $uri -Name a | Should -BeNullOrEmpty
        (Get-VMDomain -Uri $uri -Name a).State | Should -Be 'Running'
    }

    It 'starts domains from the pipeline with -PassThru' {
        $out = Get-VMDomain -Uri $uri -State ShutOff | Start-VMDomain -PassThru
        ($out | Sort-Object Name).Name | Should -Be @('a', 'b')
        $out | ForEach-Object { $_.State | Should -Be 'Running'; $_.Id | Should -BeGreaterThan 0 }
    }

    # libvirt's test driver refuses this with an internal error (checked against libvirtd 9.0); like Hyper-V's
    # Start-VM, the cmdlet checks the domain's state and treats it as done.
    It 'starting a running domain writes a warning and no error, and it keeps running' {
        $before = Get-VMDomain -Uri $uri -Name r
        Start-VMDomain -Uri $uri -Name r, a -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        $err.Count | Should -Be 0
        $warn.Count | Should -Be 1
        "$($warn[0])" | Should -Be "Domain 'r' is already running."
        $after = Get-VMDomain -Uri $uri -Name r
        $after.State | Should -Be 'Running'
        $after.Id | Should -Be $before.Id
        (Get-VMDomain -Uri $uri -Name a).State | Should -Be 'Running'
    }

    It '-WhatIf changes nothing' {
        Start-VMDomain -Uri $uri -Name a -WhatIf
        Get-VMDomain -Uri $uri -Name a | Start-VMDomain -WhatIf
        (Get-VMDomain -Uri $uri -Name a).State | Should -Be 'ShutOff'
    }

    It 'wildcards select domains; an unknown plain name is DomainNotFound' {
        Start-VMDomain -Uri $uri -Name '[ab]'
        (Get-VMDomain -Uri $uri -State Running).Count | Should -Be 3
        Start-VMDomain -Uri $uri -Name nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'DomainNotFound,Libvirt.PowerShell.Commands.StartVMDomainCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'piped domains act on their own host, even when a session host has the same name' {
        $other = New-TestHost -Stopped 'a'
        Connect-VMHost $other | Out-Null
        Get-VMDomain -Uri $uri -Name a | Start-VMDomain
        (Get-VMDomain -Uri $uri -Name a).State | Should -Be 'Running'
        (Get-VMDomain -Uri $other -Name a).State | Should -Be 'ShutOff'
    }

    It 'binds objects with a Name property by property name' {
        [pscustomobject]@{ Name = 'b' } | Start-VMDomain -Uri $uri
        (Get-VMDomain -Uri $uri -Name b).State | Should -Be 'Running'
    }

    It 'works on the session host by name' {
        Connect-VMHost $uri | Out-Null
        Start-VMDomain b
        (Get-VMDomain b).State | Should -Be 'Running'
    }
}

Describe 'Stop-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r1', 'r2' -Stopped 'off' }
    AfterAll { Disconnect-VMHost }

    It 'shuts down gracefully by default' {
        Stop-VMDomain -Uri $uri -Name r1
        $d = Get-VMDomain -Uri $uri -Name r1
        $d.State | Should -Be 'ShutOff'
        $d.StateReason | Should -Be 'Shutdown'
    }

    It '-TurnOff powers off (destroy) with -Confirm:$false' {
        Stop-VMDomain -Uri $uri -Name r1 -TurnOff -Confirm:$false
        (Get-VMDomain -Uri $uri -Name r1).StateReason | Should -Be 'Destroyed'
    }

    It '-TurnOff -WhatIf changes nothing' {
        Stop-VMDomain -Uri $uri -Name r1 -TurnOff -WhatIf
        (Get-VMDomain -Uri $uri -Name r1).State | Should -Be 'Running'
    }

    It '-Wait returns once off and -PassThru emits the stopped domain' {
        $d = Get-VMDomain -Uri $uri -Name 'r*' | Stop-VMDomain -Wait -TimeoutSec 5 -PassThru
        $d.Count | Should -Be 2
        $d | ForEach-Object { $_.State | Should -Be 'ShutOff' }
    }

    It '-TimeoutSec is validated' {
        { Stop-VMDomain -Uri $uri -Name r1 -Wait -TimeoutSec 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Libvirt.PowerShell.Commands.StopVMDomainCommand'
        (Get-VMDomain -Uri $uri -Name r1).State | Should -Be 'Running'
    }

    It 'stopping or powering off a shut-off domain writes a warning and no error, also with -Wait' {
        foreach ($extra in @{}, @{ TurnOff = $true; Force = $true }, @{ Wait = $true; TimeoutSec = 1 }) {
            Stop-VMDomain -Uri $uri -Name off @extra -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
            $err.Count | Should -Be 0
            "$warn" | Should -Be "Domain 'off' is already shut off."
        }
        (Get-VMDomain -Uri $uri -Name off).State | Should -Be 'ShutOff'
    }

    It 'Get-VMDomain r* | Stop-VMDomain -Wait stops every match, also when some are off already' {
        Stop-VMDomain -Uri $uri -Name r2
        Get-VMDomain -Uri $uri -Name 'r*' | Stop-VMDomain -Wait -WarningAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 0
        (Get-VMDomain -Uri $uri -Name 'r*').State | Should -Be @('ShutOff', 'ShutOff')
    }

    It 'a stopped transient domain is gone and -PassThru emits nothing for it' {
        Remove-VMDomain -Uri $uri -Name r2 -Confirm:$false -WarningAction SilentlyContinue
        (Get-VMDomain -Uri $uri -Name r2).Persistent | Should -BeFalse
        Stop-VMDomain -Uri $uri -Name r2 -PassThru -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 0
        Get-VMDomain -Uri $uri -Name r2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'declares ConfirmImpact Medium (Stop -Force confirms as High)' {
        $attr = (Get-Command Stop-VMDomain).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Restart-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' -Stopped 'off' }
    AfterAll { Disconnect-VMHost }

    It 'reboots a running domain and -PassThru emits it running' {
        $d = Restart-VMDomain -Uri $uri -Name r -PassThru
        $d.Name | Should -Be 'r'
        $d.State | Should -Be 'Running'
    }

    It '-Force resets the domain (virsh reset) without asking: it stays running, with the same id' {
        $before = Get-VMDomain -Uri $uri -Name r
        $d = Restart-VMDomain -Uri $uri -Name r -Force -PassThru
        $d.State | Should -Be 'Running'
        $d.Id | Should -Be $before.Id
        Restart-VMDomain -Uri $uri -Name off -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'OperationInvalid,Libvirt.PowerShell.Commands.RestartVMDomainCommand'
        $err[0].Exception.Message | Should -Match 'not running'
    }

    It 'restarting a shut-off domain is OperationInvalid' {
        Get-VMDomain -Uri $uri -Name off | Restart-VMDomain -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'OperationInvalid,Libvirt.PowerShell.Commands.RestartVMDomainCommand'
        (Get-VMDomain -Uri $uri -Name off).State | Should -Be 'ShutOff'
    }
}

Describe 'Suspend-VMDomain and Resume-VMDomain' {
    BeforeEach { Disconnect-VMHost; $script:uri = New-TestHost -Running 'r' -Stopped 'off' }
    AfterAll { Disconnect-VMHost }

    It 'suspends and resumes through the pipeline' {
        $p = Get-VMDomain -Uri $uri -Name r | Suspend-VMDomain -PassThru
        $p.State | Should -Be 'Paused'
        $p.StateReason | Should -Be 'User'
        $r = $p | Resume-VMDomain -PassThru
        $r.State | Should -Be 'Running'
        $r.StateReason | Should -Be 'Unpaused'
    }

    It 'suspending a paused domain and resuming a running one write a warning and no error' {
        Suspend-VMDomain -Uri $uri -Name r
        Suspend-VMDomain -Uri $uri -Name r -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        $err.Count | Should -Be 0
        "$warn" | Should -Be "Domain 'r' is already paused."
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Paused'
        Resume-VMDomain -Uri $uri -Name r
        Resume-VMDomain -Uri $uri -Name r -ErrorVariable err2 -ErrorAction SilentlyContinue -WarningVariable warn2 -WarningAction SilentlyContinue
        $err2.Count | Should -Be 0
        "$warn2" | Should -Be "Domain 'r' is already running."
    }

    It 'resuming a shut-off domain is still an error: it is not running' {
        Resume-VMDomain -Uri $uri -Name off -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        $err.Count | Should -Be 1
        $warn.Count | Should -Be 0
    }

    It 'suspending a shut-off domain is an error, libvirt''s test driver''s InternalError "not running"' {
        Suspend-VMDomain -Uri $uri -Name off -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InternalError,Libvirt.PowerShell.Commands.SuspendVMDomainCommand'
        $err[0].Exception.Message | Should -Be "internal error: domain 'off' not running"
    }

    It '-WhatIf changes nothing' {
        Suspend-VMDomain -Uri $uri -Name r -WhatIf
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Running'
        Suspend-VMDomain -Uri $uri -Name r
        Resume-VMDomain -Uri $uri -Name r -WhatIf
        (Get-VMDomain -Uri $uri -Name r).State | Should -Be 'Paused'
    }
}

Describe 'Cmdlet conventions' {
    It '<_> is a sealed cmdlet with ShouldProcess, OutputType and -PassThru' -ForEach 'Start-VMDomain', 'Stop-VMDomain', 'Restart-VMDomain', 'Suspend-VMDomain', 'Resume-VMDomain' {
        $cmd = Get-Command $_
        $cmd.ImplementingType.IsSealed | Should -BeTrue
        $cmd.Parameters.Keys | Should -Contain 'PassThru'
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
        $cmd.Parameters['Name'].ParameterSets.Keys | Should -Contain 'ByName'
        $cmd.Parameters['Domain'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipeline | Should -Contain $true
        $cmd.OutputType.Type | Should -Contain ([Libvirt.Engine.Model.VMDomain])
    }
}
