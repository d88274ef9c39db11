# DSC resources for libvirt. Classes in PowerShell, not C#: DSC v3's PowerShell adapter and
# PSDesiredStateConfiguration v2 find class resources only by parsing the RootModule for [DscResource()].
# Each resource reads and changes the host only through the Libvirt module's cmdlets.

enum Ensure {
    Present
    Absent
}

# The error ids of the resources (stable, like the cmdlets'): thrown before anything changes.
class LibvirtDscError {
    static [System.Management.Automation.ErrorRecord] Create([string] $Id, [System.Management.Automation.ErrorCategory] $Category, [string] $Message, [object] $Target) {
        return [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($Message), $Id, $Category, $Target)
    }
}

<#
A libvirt domain (VM): whether it is defined (Ensure), its run state (State: Running, Shutoff, Paused),
vCPUs and memory (VCpus, MemoryMB: the persistent definition), and whether it starts with the host (Autostart).
DefinitionXml or DefinitionPath (domain XML) defines the domain when it is absent; an existing domain is not
redefined from it. A property left unset is not managed. Shutoff shuts the guest down and waits up to
ShutdownTimeoutSec, then turns it off.
#>
[DscResource()]
class LibvirtDomain {
    [DscProperty(Key)] [string] $Name
    [DscProperty(Key)] [string] $Uri
    [DscProperty()] [Ensure] $Ensure = [Ensure]::Present
    [DscProperty()] [ValidateSet('Running', 'Shutoff', 'Paused')] [string] $State
    [DscProperty()] [string] $DefinitionXml
    [DscProperty()] [string] $DefinitionPath
    [DscProperty()] [Nullable[int]] $VCpus
    [DscProperty()] [Nullable[long]] $MemoryMB
    [DscProperty()] [Nullable[bool]] $Autostart
    [DscProperty()] [int] $ShutdownTimeoutSec = 120
    [DscProperty(NotConfigurable)] [string] $Uuid

    [LibvirtDomain] Get() {
        $current = [LibvirtDomain]::new()
        $current.Name = $this.Name
        $current.Uri = $this.Uri
        $current.ShutdownTimeoutSec = $this.ShutdownTimeoutSec
        $domain = $this.Find()
        if ($null -eq $domain) {
            $current.Ensure = [Ensure]::Absent
            return $current
        }
        $current.Ensure = [Ensure]::Present
        $current.State = [LibvirtDomain]::StateName($domain.State)
        $current.VCpus = $domain.VCpus
        $current.MemoryMB = $domain.MaxMemoryMB
        $current.Autostart = $domain.Autostart
        $current.Uuid = "$($domain.Uuid)"
        return $current
    }

    [bool] Test() {
        $this.Validate()
        return $this.Differences($this.Get()).Count -eq 0
    }

    [void] Set() {
        $this.Validate()
        $current = $this.Get()
        $differences = $this.Differences($current)
        if ($differences.Count -eq 0) { return }
        if ($this.Ensure -eq [Ensure]::Absent) {
            $domain = $this.Find()
            Write-Verbose "LibvirtDomain $($this.Name): removing from $($this.Uri)"
            if ($domain.IsActive) { Stop-VMDomain -Domain $domain -TurnOff -Force -Confirm:$false -ErrorAction Stop }
            Remove-VMDomain -Domain $domain -Force -Confirm:$false -ErrorAction Stop
            return
        }
        if ($current.Ensure -eq [Ensure]::Absent) {
            Write-Verbose "LibvirtDomain $($this.Name): defining on $($this.Uri)"
            New-VMDomain -Uri $this.Uri -Xml $this.Definition() -Confirm:$false -ErrorAction Stop | Out-Null
            $current = $this.Get()
        }
        if (($null -ne $this.VCpus -and $this.VCpus -ne $current.VCpus) -or ($null -ne $this.MemoryMB -and $this.MemoryMB -ne $current.MemoryMB)) {
            $this.SetConfiguration(@{ VCpus = $this.VCpus; MemoryMB = $this.MemoryMB })
        }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) {
            $this.SetConfiguration(@{ Autostart = $this.Autostart })
        }
        if ($this.State -and $this.State -ne $current.State) { $this.MoveTo($this.State) }
    }

    # Every domain of the host at Uri ($filter.Uri), as DSC v3's export asks.
    static [LibvirtDomain[]] Export([LibvirtDomain] $filter) {
        $all = foreach ($d in Get-VMDomain -Uri $filter.Uri -ErrorAction Stop) {
            if ($filter.Name -and $d.Name -notlike $filter.Name) { continue }
            $r = [LibvirtDomain]::new()
            $r.Name = $d.Name; $r.Uri = $filter.Uri; $r.Ensure = [Ensure]::Present
            $r.State = [LibvirtDomain]::StateName($d.State)
            $r.VCpus = $d.VCpus; $r.MemoryMB = $d.MaxMemoryMB; $r.Autostart = $d.Autostart; $r.Uuid = "$($d.Uuid)"
            $r
        }
        return [LibvirtDomain[]]@($all)
    }

    # The default host ($env:LIBVIRT_DEFAULT_URI, else test:///default) when no filter is given.
    static [LibvirtDomain[]] Export() {
        $filter = [LibvirtDomain]::new()
        $filter.Uri = if ($env:LIBVIRT_DEFAULT_URI) { $env:LIBVIRT_DEFAULT_URI } else { 'test:///default' }
        return [LibvirtDomain]::Export($filter)
    }

    # The names of the properties that differ from the desired ones (only those set are compared).
    hidden [string[]] Differences([LibvirtDomain] $current) {
        $d = [System.Collections.Generic.List[string]]::new()
        if ($this.Ensure -ne $current.Ensure) { $d.Add('Ensure') }
        if ($this.Ensure -eq [Ensure]::Absent) { return $d.ToArray() }
        if ($this.State -and $this.State -ne $current.State) { $d.Add('State') }
        if ($null -ne $this.VCpus -and $this.VCpus -ne $current.VCpus) { $d.Add('VCpus') }
        if ($null -ne $this.MemoryMB -and $this.MemoryMB -ne $current.MemoryMB) { $d.Add('MemoryMB') }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) { $d.Add('Autostart') }
        return $d.ToArray()
    }

    # The domain, or $null when the host has none of that name; any other failure (host unreachable) throws.
    hidden [object] Find() {
        try {
            return Get-VMDomain -Uri $this.Uri -Name ([WildcardPattern]::Escape($this.Name)) -ErrorAction Stop | Select-Object -First 1
        }
        catch {
            if ($_.FullyQualifiedErrorId -like 'DomainNotFound,*') { return $null }
            throw
        }
    }

    # Refuses what cannot work before anything changes.
    hidden [void] Validate() {
        if ([string]::IsNullOrWhiteSpace($this.Name)) { throw [LibvirtDscError]::Create('LibvirtDscNameRequired', 'InvalidArgument', 'LibvirtDomain needs a Name.', $null) }
        if ([string]::IsNullOrWhiteSpace($this.Uri)) { throw [LibvirtDscError]::Create('LibvirtDscUriRequired', 'InvalidArgument', "LibvirtDomain $($this.Name) needs a Uri.", $this.Name) }
        if ($this.DefinitionXml -and $this.DefinitionPath) {
            throw [LibvirtDscError]::Create('LibvirtDscDefinitionConflict', 'InvalidArgument', "LibvirtDomain $($this.Name): give DefinitionXml or DefinitionPath, not both.", $this.Name)
        }
        if ($this.Ensure -eq [Ensure]::Present -and -not $this.DefinitionXml -and -not $this.DefinitionPath -and $null -eq $this.Find()) {
            throw [LibvirtDscError]::Create('LibvirtDscDefinitionRequired', 'InvalidArgument', "LibvirtDomain $($this.Name) is not defined on $($this.Uri): give DefinitionXml or DefinitionPath to define it.", $this.Name)
        }
        if ($this.DefinitionXml -or $this.DefinitionPath) {
            $named = ([xml]$this.Definition()).domain.name
            if ($named -ne $this.Name) {
                throw [LibvirtDscError]::Create('LibvirtDscDefinitionNameMismatch', 'InvalidArgument', "LibvirtDomain $($this.Name): the definition names the domain '$named'.", $this.Name)
            }
        }
    }

    hidden [string] Definition() {
        if ($this.DefinitionXml) { return $this.DefinitionXml }
        if (-not (Test-Path -LiteralPath $this.DefinitionPath -PathType Leaf)) {
            throw [LibvirtDscError]::Create('LibvirtDscDefinitionPathNotFound', 'ObjectNotFound', "LibvirtDomain $($this.Name): no file $($this.DefinitionPath).", $this.DefinitionPath)
        }
        return Get-Content -LiteralPath $this.DefinitionPath -Raw
    }

    # vCPUs, memory and autostart go through Set-VMDomain (its parameters are the resource's property names).
    hidden [void] SetConfiguration([hashtable] $changes) {
        $set = Get-Command Set-VMDomain -Module Libvirt -ErrorAction SilentlyContinue
        if (-not $set) {
            throw [LibvirtDscError]::Create('LibvirtDscSetVMDomainMissing', 'NotImplemented', "LibvirtDomain $($this.Name): changing $($changes.Keys -join ', ') needs Set-VMDomain, which this Libvirt module has not.", $this.Name)
        }
        $arguments = @{}
        foreach ($k in $changes.Keys) { if ($null -ne $changes[$k]) { $arguments[$k] = $changes[$k] } }
        Write-Verbose "LibvirtDomain $($this.Name): Set-VMDomain $($arguments.Keys -join ', ')"
        Set-VMDomain -Domain $this.Find() @arguments -Confirm:$false -ErrorAction Stop
    }

    hidden [void] MoveTo([string] $target) {
        $domain = $this.Find()
        $now = [LibvirtDomain]::StateName($domain.State)
        Write-Verbose "LibvirtDomain $($this.Name): $now -> $target"
        switch ($target) {
            'Running' {
                if ($now -eq 'Paused') { Resume-VMDomain -Domain $domain -Confirm:$false -ErrorAction Stop }
                else { Start-VMDomain -Domain $domain -Confirm:$false -ErrorAction Stop }
            }
            'Paused' {
                if ($now -eq 'Shutoff') { Start-VMDomain -Domain $domain -Confirm:$false -ErrorAction Stop; $domain = $this.Find() }
                Suspend-VMDomain -Domain $domain -Confirm:$false -ErrorAction Stop
            }
            'Shutoff' {
                try {
                    Stop-VMDomain -Domain $domain -Force -Wait -TimeoutSec $this.ShutdownTimeoutSec -Confirm:$false -ErrorAction Stop
                }
                catch {
                    Write-Verbose "LibvirtDomain $($this.Name): not shut down within $($this.ShutdownTimeoutSec) s ($($_.Exception.Message)); turning it off"
                }
                $domain = $this.Find()
                if ($domain.IsActive) { Stop-VMDomain -Domain $domain -TurnOff -Force -Confirm:$false -ErrorAction Stop }
            }
        }
    }

    # libvirt's states as the resource names them: shut off, crashed and the like are Shutoff; Blocked is running.
    hidden static [string] StateName([object] $state) {
        switch ("$state") {
            'Running' { return 'Running' }
            'Blocked' { return 'Running' }
            'Paused' { return 'Paused' }
            'PMSuspended' { return 'Paused' }
        }
        return 'Shutoff'
    }
}
