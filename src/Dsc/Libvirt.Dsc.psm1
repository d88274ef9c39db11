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
vCPUs and memory (VCpus, MemoryMB: as Get-VMDomain reports them, changed with Set-VMDomain), and whether it
starts with the host (Autostart).
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
        $current.MemoryMB = $domain.MemoryMB
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
        $changes = @{}
        if ($null -ne $this.VCpus -and $this.VCpus -ne $current.VCpus) { $changes.VCpus = $this.VCpus }
        if ($null -ne $this.MemoryMB -and $this.MemoryMB -ne $current.MemoryMB) {
            $changes.MemoryMB = $this.MemoryMB
            # Memory above the domain's maximum needs the maximum raised first (Set-VMDomain checks both together).
            if ($this.MemoryMB -gt $this.Find().MaxMemoryMB) { $changes.MaxMemoryMB = $this.MemoryMB }
        }
        if ($changes.Count -gt 0) { $this.SetConfiguration($changes) }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) {
            $this.SetConfiguration(@{ AutoStart = $this.Autostart })
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
            $r.VCpus = $d.VCpus; $r.MemoryMB = $d.MemoryMB; $r.Autostart = $d.Autostart; $r.Uuid = "$($d.Uuid)"
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

    # vCPUs, memory and autostart go through Set-VMDomain, with its default scope (virsh's "current": the live
    # domain when it runs, else its definition), which is what Get-VMDomain reports and Test compares.
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

# What LibvirtNetwork and LibvirtStoragePool share: the same properties and steps, over their own cmdlets.
# (Not a base class: DSC v3's adapter reads each resource's properties from its own class in the source.)
class LibvirtDscObject {
    # The definition text: DefinitionXml, else the file at DefinitionPath.
    static [string] Definition([string] $resource, [string] $name, [string] $xml, [string] $path) {
        if ($xml) { return $xml }
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            throw [LibvirtDscError]::Create('LibvirtDscDefinitionPathNotFound', 'ObjectNotFound', "$resource ${name}: no file $path.", $path)
        }
        return Get-Content -LiteralPath $path -Raw
    }

    # Refuses what cannot work before anything changes. $exists: whether the host has the object now.
    static [void] Validate([string] $resource, [string] $root, [string] $name, [string] $uri, [string] $ensure, [string] $xml, [string] $path, [bool] $exists) {
        if ([string]::IsNullOrWhiteSpace($name)) { throw [LibvirtDscError]::Create('LibvirtDscNameRequired', 'InvalidArgument', "$resource needs a Name.", $null) }
        if ([string]::IsNullOrWhiteSpace($uri)) { throw [LibvirtDscError]::Create('LibvirtDscUriRequired', 'InvalidArgument', "$resource $name needs a Uri.", $name) }
        if ($xml -and $path) {
            throw [LibvirtDscError]::Create('LibvirtDscDefinitionConflict', 'InvalidArgument', "$resource ${name}: give DefinitionXml or DefinitionPath, not both.", $name)
        }
        if ($ensure -eq 'Present' -and -not $xml -and -not $path -and -not $exists) {
            throw [LibvirtDscError]::Create('LibvirtDscDefinitionRequired', 'InvalidArgument', "$resource $name is not defined on ${uri}: give DefinitionXml or DefinitionPath to define it.", $name)
        }
        if ($xml -or $path) {
            $doc = [xml][LibvirtDscObject]::Definition($resource, $name, $xml, $path)
            $named = $doc.DocumentElement.SelectSingleNode('name').InnerText
            if ($doc.DocumentElement.LocalName -ne $root -or $named -ne $name) {
                throw [LibvirtDscError]::Create('LibvirtDscDefinitionNameMismatch', 'InvalidArgument', "$resource ${name}: the definition is a <$($doc.DocumentElement.LocalName)> named '$named'.", $name)
            }
        }
    }
}

<#
A libvirt virtual network: defined or not (Ensure), Active or Inactive (State), started with the host or not
(Autostart). DefinitionXml or DefinitionPath (network XML) defines it when it is absent; an existing network
is not redefined. A property left unset is not managed.
#>
[DscResource()]
class LibvirtNetwork {
    [DscProperty(Key)] [string] $Name
    [DscProperty(Key)] [string] $Uri
    [DscProperty()] [Ensure] $Ensure = [Ensure]::Present
    [DscProperty()] [ValidateSet('Active', 'Inactive')] [string] $State
    [DscProperty()] [string] $DefinitionXml
    [DscProperty()] [string] $DefinitionPath
    [DscProperty()] [Nullable[bool]] $Autostart
    [DscProperty(NotConfigurable)] [string] $Uuid
    [DscProperty(NotConfigurable)] [string] $Bridge

    [LibvirtNetwork] Get() {
        $current = [LibvirtNetwork]::new()
        $current.Name = $this.Name; $current.Uri = $this.Uri
        $n = $this.Find()
        if ($null -eq $n) { $current.Ensure = [Ensure]::Absent; return $current }
        $current.Ensure = [Ensure]::Present
        $current.State = if ($n.IsActive) { 'Active' } else { 'Inactive' }
        $current.Autostart = $n.Autostart
        $current.Uuid = "$($n.Uuid)"
        $current.Bridge = $n.Bridge
        return $current
    }

    [bool] Test() {
        $this.Validate()
        return $this.Differences($this.Get()).Count -eq 0
    }

    [void] Set() {
        $this.Validate()
        $current = $this.Get()
        if ($this.Differences($current).Count -eq 0) { return }
        if ($this.Ensure -eq [Ensure]::Absent) {
            Write-Verbose "LibvirtNetwork $($this.Name): removing from $($this.Uri)"
            $n = $this.Find()
            if ($n.IsActive) { Stop-VMNetwork -Network $n -Confirm:$false -ErrorAction Stop }
            Remove-VMNetwork -Network $this.Find() -Force -Confirm:$false -ErrorAction Stop
            return
        }
        if ($current.Ensure -eq [Ensure]::Absent) {
            Write-Verbose "LibvirtNetwork $($this.Name): defining on $($this.Uri)"
            New-VMNetwork -Uri $this.Uri -Xml ([LibvirtDscObject]::Definition('LibvirtNetwork', $this.Name, $this.DefinitionXml, $this.DefinitionPath)) -Confirm:$false -ErrorAction Stop | Out-Null
            $current = $this.Get()
        }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) {
            Write-Verbose "LibvirtNetwork $($this.Name): Autostart $($this.Autostart)"
            Set-VMNetwork -Network $this.Find() -AutoStart $this.Autostart -Confirm:$false -ErrorAction Stop
        }
        if ($this.State -and $this.State -ne $current.State) {
            Write-Verbose "LibvirtNetwork $($this.Name): $($current.State) -> $($this.State)"
            if ($this.State -eq 'Active') { Start-VMNetwork -Network $this.Find() -Confirm:$false -ErrorAction Stop }
            else { Stop-VMNetwork -Network $this.Find() -Confirm:$false -ErrorAction Stop }
        }
    }

    static [LibvirtNetwork[]] Export([LibvirtNetwork] $filter) {
        $all = foreach ($n in Get-VMNetwork -Uri $filter.Uri -ErrorAction Stop) {
            if ($filter.Name -and $n.Name -notlike $filter.Name) { continue }
            $r = [LibvirtNetwork]::new()
            $r.Name = $n.Name; $r.Uri = $filter.Uri; $r.Ensure = [Ensure]::Present
            $r.State = if ($n.IsActive) { 'Active' } else { 'Inactive' }
            $r.Autostart = $n.Autostart; $r.Uuid = "$($n.Uuid)"; $r.Bridge = $n.Bridge
            $r
        }
        return [LibvirtNetwork[]]@($all)
    }

    static [LibvirtNetwork[]] Export() {
        $filter = [LibvirtNetwork]::new()
        $filter.Uri = if ($env:LIBVIRT_DEFAULT_URI) { $env:LIBVIRT_DEFAULT_URI } else { 'test:///default' }
        return [LibvirtNetwork]::Export($filter)
    }

    hidden [string[]] Differences([LibvirtNetwork] $current) {
        $d = [System.Collections.Generic.List[string]]::new()
        if ($this.Ensure -ne $current.Ensure) { $d.Add('Ensure') }
        if ($this.Ensure -eq [Ensure]::Absent) { return $d.ToArray() }
        if ($this.State -and $this.State -ne $current.State) { $d.Add('State') }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) { $d.Add('Autostart') }
        return $d.ToArray()
    }

    hidden [object] Find() {
        try { return Get-VMNetwork -Uri $this.Uri -Name ([WildcardPattern]::Escape($this.Name)) -ErrorAction Stop | Select-Object -First 1 }
        catch { if ($_.FullyQualifiedErrorId -like 'NetworkNotFound,*') { return $null }; throw }
    }

    hidden [void] Validate() {
        $exists = if ($this.Ensure -eq [Ensure]::Present -and -not $this.DefinitionXml -and -not $this.DefinitionPath) { $null -ne $this.Find() } else { $true }
        [LibvirtDscObject]::Validate('LibvirtNetwork', 'network', $this.Name, $this.Uri, "$($this.Ensure)", $this.DefinitionXml, $this.DefinitionPath, $exists)
    }
}

<#
A libvirt storage pool: defined or not (Ensure), Active or Inactive (State; starting builds the pool's target,
as virsh pool-start --build does), started with the host or not (Autostart). DefinitionXml or DefinitionPath
(pool XML) defines it when it is absent; an existing pool is not redefined. Absent stops the pool and
undefines it; its target and volumes stay. A property left unset is not managed.
#>
[DscResource()]
class LibvirtStoragePool {
    [DscProperty(Key)] [string] $Name
    [DscProperty(Key)] [string] $Uri
    [DscProperty()] [Ensure] $Ensure = [Ensure]::Present
    [DscProperty()] [ValidateSet('Active', 'Inactive')] [string] $State
    [DscProperty()] [string] $DefinitionXml
    [DscProperty()] [string] $DefinitionPath
    [DscProperty()] [Nullable[bool]] $Autostart
    [DscProperty(NotConfigurable)] [string] $Uuid
    [DscProperty(NotConfigurable)] [string] $Type
    [DscProperty(NotConfigurable)] [string] $Path

    [LibvirtStoragePool] Get() {
        $current = [LibvirtStoragePool]::new()
        $current.Name = $this.Name; $current.Uri = $this.Uri
        $p = $this.Find()
        if ($null -eq $p) { $current.Ensure = [Ensure]::Absent; return $current }
        $current.Ensure = [Ensure]::Present
        $current.State = if ($p.IsActive) { 'Active' } else { 'Inactive' }
        $current.Autostart = $p.Autostart
        $current.Uuid = "$($p.Uuid)"; $current.Type = "$($p.Type)"; $current.Path = $p.Path
        return $current
    }

    [bool] Test() {
        $this.Validate()
        return $this.Differences($this.Get()).Count -eq 0
    }

    [void] Set() {
        $this.Validate()
        $current = $this.Get()
        if ($this.Differences($current).Count -eq 0) { return }
        if ($this.Ensure -eq [Ensure]::Absent) {
            Write-Verbose "LibvirtStoragePool $($this.Name): removing from $($this.Uri)"
            $p = $this.Find()
            if ($p.IsActive) { Stop-VMStoragePool -StoragePool $p -Confirm:$false -ErrorAction Stop }
            Remove-VMStoragePool -StoragePool $this.Find() -Force -Confirm:$false -ErrorAction Stop
            return
        }
        if ($current.Ensure -eq [Ensure]::Absent) {
            Write-Verbose "LibvirtStoragePool $($this.Name): defining on $($this.Uri)"
            New-VMStoragePool -Uri $this.Uri -Xml ([LibvirtDscObject]::Definition('LibvirtStoragePool', $this.Name, $this.DefinitionXml, $this.DefinitionPath)) -Confirm:$false -ErrorAction Stop | Out-Null
            $current = $this.Get()
        }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) {
            Write-Verbose "LibvirtStoragePool $($this.Name): Autostart $($this.Autostart)"
            Set-VMStoragePool -StoragePool $this.Find() -AutoStart $this.Autostart -Confirm:$false -ErrorAction Stop
        }
        if ($this.State -and $this.State -ne $current.State) {
            Write-Verbose "LibvirtStoragePool $($this.Name): $($current.State) -> $($this.State)"
            if ($this.State -eq 'Active') { Start-VMStoragePool -StoragePool $this.Find() -Build -Confirm:$false -ErrorAction Stop }
            else { Stop-VMStoragePool -StoragePool $this.Find() -Confirm:$false -ErrorAction Stop }
        }
    }

    static [LibvirtStoragePool[]] Export([LibvirtStoragePool] $filter) {
        $all = foreach ($p in Get-VMStoragePool -Uri $filter.Uri -ErrorAction Stop) {
            if ($filter.Name -and $p.Name -notlike $filter.Name) { continue }
            $r = [LibvirtStoragePool]::new()
            $r.Name = $p.Name; $r.Uri = $filter.Uri; $r.Ensure = [Ensure]::Present
            $r.State = if ($p.IsActive) { 'Active' } else { 'Inactive' }
            $r.Autostart = $p.Autostart; $r.Uuid = "$($p.Uuid)"; $r.Type = "$($p.Type)"; $r.Path = $p.Path
            $r
        }
        return [LibvirtStoragePool[]]@($all)
    }

    static [LibvirtStoragePool[]] Export() {
        $filter = [LibvirtStoragePool]::new()
        $filter.Uri = if ($env:LIBVIRT_DEFAULT_URI) { $env:LIBVIRT_DEFAULT_URI } else { 'test:///default' }
        return [LibvirtStoragePool]::Export($filter)
    }

    hidden [string[]] Differences([LibvirtStoragePool] $current) {
        $d = [System.Collections.Generic.List[string]]::new()
        if ($this.Ensure -ne $current.Ensure) { $d.Add('Ensure') }
        if ($this.Ensure -eq [Ensure]::Absent) { return $d.ToArray() }
        if ($this.State -and $this.State -ne $current.State) { $d.Add('State') }
        if ($null -ne $this.Autostart -and $this.Autostart -ne $current.Autostart) { $d.Add('Autostart') }
        return $d.ToArray()
    }

    hidden [object] Find() {
        try { return Get-VMStoragePool -Uri $this.Uri -Name ([WildcardPattern]::Escape($this.Name)) -ErrorAction Stop | Select-Object -First 1 }
        catch { if ($_.FullyQualifiedErrorId -like 'StoragePoolNotFound,*') { return $null }; throw }
    }

    hidden [void] Validate() {
        $exists = if ($this.Ensure -eq [Ensure]::Present -and -not $this.DefinitionXml -and -not $this.DefinitionPath) { $null -ne $this.Find() } else { $true }
        [LibvirtDscObject]::Validate('LibvirtStoragePool', 'pool', $this.Name, $this.Uri, "$($this.Ensure)", $this.DefinitionXml, $this.DefinitionPath, $exists)
    }
}
