# The module's third-party assemblies load into its own AssemblyLoadContext on pwsh 7, so a session that
# already holds another copy of one of them (here BouncyCastle 2.4.0, loaded first; the module ships a newer
# BouncyCastle with the same assembly version, 2.0.0.0) gets neither clash nor the other copy. Each case is a
# fresh pwsh process: a load context, once set up, lasts as long as the process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:OldBouncyCastle = Join-Path $RepoRoot '.packages/bouncycastle.cryptography/2.4.0/lib/net6.0/BouncyCastle.Cryptography.dll'
    if (-not (Test-Path $OldBouncyCastle)) {
        dotnet restore (Join-Path $RepoRoot 'build/TestAssets.csproj') --packages (Join-Path $RepoRoot '.packages') --nologo -v quiet | Out-Host
    }

    function Invoke-ChildPwsh([string] $Script) {
        [string[]] $pwsh = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        $rest = @($pwsh | Select-Object -Skip 1)
        $out = & $pwsh[0] @rest -NoProfile -NonInteractive -Command $Script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "child pwsh exited $LASTEXITCODE`n$($out -join "`n")" }
        $out | ForEach-Object { "$_" }
    }

    # Prints, for each loaded copy of the named assemblies: name, load context, file version, path.
    $script:ListAssemblies = @'
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if ($a.GetName().Name -in 'BouncyCastle.Cryptography', 'Renci.SshNet', 'Libvirt.Engine', 'Libvirt.Drivers.Remote', 'System.Memory') {
        $v = [Diagnostics.FileVersionInfo]::GetVersionInfo($a.Location).FileVersion
        "asm $($a.GetName().Name)|$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name)|$v|$($a.Location)"
    }
}
'@

    # A throwaway sshd on a free loopback port with a fresh host key: the in-process SSH client (SSH.NET, which
    # does its key exchange with BouncyCastle) gets through the handshake and is refused at authentication.
    $script:SshDir = Join-Path ([IO.Path]::GetTempPath()) "libvirt-ps-alc-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $SshDir | Out-Null
    $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $l.Start(); $script:SshPort = $l.LocalEndpoint.Port; $l.Stop()
    ssh-keygen -q -t ed25519 -N '' -f (Join-Path $SshDir 'host_key') | Out-Null
    ssh-keygen -q -t ed25519 -N '' -f (Join-Path $SshDir 'client_key') | Out-Null
    @"
Port $SshPort
ListenAddress 127.0.0.1
HostKey $SshDir/host_key
PidFile $SshDir/sshd.pid
AuthorizedKeysFile /dev/null
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
"@ | Set-Content (Join-Path $SshDir 'sshd_config')
    New-Item -ItemType Directory -Force -Path /run/sshd | Out-Null
    & /usr/sbin/sshd -f (Join-Path $SshDir 'sshd_config') -E (Join-Path $SshDir 'sshd.log')
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (-not (Test-Path (Join-Path $SshDir 'sshd.pid')) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    $script:HandshakeUri = "test+libssh://root@127.0.0.1:$SshPort/default?known_hosts_verify=ignore&keyfile=$SshDir/client_key"
}

AfterAll {
    if ($script:SshDir) {
        $pidFile = Join-Path $SshDir 'sshd.pid'
        if (Test-Path $pidFile) { Stop-Process -Id ([int](Get-Content $pidFile)) -ErrorAction SilentlyContinue }
        Remove-Item $SshDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'Third-party assemblies in the module''s load context' -Skip:(-not $IsLinux) {
    It 'with another BouncyCastle loaded first, SSH.NET and its BouncyCastle come from the module''s context and the handshake works' {
        $out = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$OldBouncyCastle'
Import-Module '$ModulePath'
try { Connect-VMHost -Uri '$HandshakeUri' -ErrorAction Stop; 'connected' } catch { "error `$(`$_.FullyQualifiedErrorId)|`$(`$_.Exception.GetType().FullName)|`$(`$_.Exception.Message)" }
$ListAssemblies
"@
        $asm = $out | Where-Object { $_ -like 'asm *' } | ForEach-Object { $f = $_.Substring(4) -split '\|'; [pscustomobject]@{ Name = $f[0]; Context = $f[1]; FileVersion = $f[2]; Path = $f[3] } }
        # Refused at authentication by the server: the key exchange (BouncyCastle's) ran to the end.
        $err = $out | Where-Object { $_ -like 'error *' }
        $err | Should -BeLike 'error AuthenticationFailed,*'
        $err | Should -Match 'Permission denied \(publickey\)'
        $bc = @($asm | Where-Object Name -eq 'BouncyCastle.Cryptography')
        $bc.Count | Should -Be 2
        ($bc | Where-Object Context -eq 'Default').Path | Should -Be $OldBouncyCastle
        ($bc | Where-Object Context -eq 'Libvirt').Path | Should -Be (Join-Path $ModulePath 'dependencies/BouncyCastle.Cryptography.dll')
        ($bc | Where-Object Context -eq 'Libvirt').FileVersion | Should -Not -Be ($bc | Where-Object Context -eq 'Default').FileVersion
        ($asm | Where-Object Name -eq 'Renci.SshNet').Context | Should -Be 'Libvirt'
        # The module's own assemblies stay in the default context, where PowerShell resolves [Libvirt.Engine...] type names.
        ($asm | Where-Object Name -eq 'Libvirt.Engine').Context | Should -Be 'Default'
        ($asm | Where-Object Name -eq 'Libvirt.Drivers.Remote').Context | Should -Be 'Default'
        # The netstandard polyfills shipped for .NET Framework are never loaded on .NET: the platform's serve.
        @($asm | Where-Object { $_.Name -eq 'System.Memory' -and $_.Path -like "$ModulePath*" }) | Should -BeNullOrEmpty
    }

    It 'lists domains over libssh with the other BouncyCastle loaded first (the transports'' sshd)' -Skip:(-not $env:LIBVIRT_PS_SSH_PORT) {
        $uri = "test+libssh://root@127.0.0.1:$($env:LIBVIRT_PS_SSH_PORT)/default?known_hosts_verify=ignore&keyfile=$($env:LIBVIRT_PS_SSH_KEY)"
        $out = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$OldBouncyCastle'
Import-Module '$ModulePath'
"domains `$((Get-VMDomain -Uri '$uri' -WarningAction SilentlyContinue | ForEach-Object Name) -join ',')"
$ListAssemblies
"@
        $out | Should -Contain 'domains test'
        $out | Where-Object { $_ -like 'asm BouncyCastle.Cryptography|Libvirt|*' } | Should -Not -BeNullOrEmpty
    }

    It 'without any other copy loaded, the module imports and works on the embedded test hypervisor' {
        $out = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Import-Module '$ModulePath' -Force
"state `$((Get-VMDomain -Uri test:///default -Name test).State)"
"type `$([Libvirt.Engine.Model.DomainState]::Running)"
"@
        $out | Should -Contain 'state Running'
        $out | Should -Contain 'type Running'
    }
}
