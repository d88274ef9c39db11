BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

# What the embedded host refuses through Connect-VMHost -ReadOnly, as libvirtd's test driver does, and the
# connect-phase timeout of Connect-VMHost -TimeoutSec.
Describe 'Connect-VMHost -ReadOnly and -TimeoutSec' {
    BeforeEach { Disconnect-VMHost }
    AfterAll { Disconnect-VMHost }

    It 'refuses every change through a read-only connection with AccessDenied and libvirt''s message' {
        $uri = New-TestHost -Running 'web'
        $ro = Connect-VMHost -Uri $uri -ReadOnly
        $ro.ReadOnly | Should -BeTrue
        Stop-VMDomain -Connection $ro -Name web -Force -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $e[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $e[0].Exception.Message | Should -BeLike 'operation forbidden: read only access prevents virDomain*'
        New-VMDomain -Connection $ro -Xml (New-TestDomainXml -Name 'other') -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].Exception.Message | Should -Be 'operation forbidden: read only access prevents virDomainDefineXMLFlags'
        # Nothing changed, and reading works.
        (Get-VMDomain -Connection $ro).Name | Should -Be 'web'
        (Get-VMDomain -Connection $ro).State | Should -Be 'Running'
    }

    It 'keeps the read-write connection when the same URI is connected read-only' {
        $uri = New-TestHost -Running 'web'
        $rw = Connect-VMHost -Uri $uri
        $ro = Connect-VMHost -Uri $uri -ReadOnly
        $rw.IsOpen | Should -BeTrue
        $ro.IsOpen | Should -BeTrue
        (Get-VMHost).Uri | Should -Be $uri
        Suspend-VMDomain -Name web   # the session host is still the read-write one
        (Get-VMDomain -Name web).State | Should -Be 'Paused'
        $ro.Dispose()
    }

    It 'fails within -TimeoutSec against a socket that accepts and never speaks' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("lvps-silent-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $socket = [Net.Sockets.Socket]::new([Net.Sockets.AddressFamily]::Unix, [Net.Sockets.SocketType]::Stream, [Net.Sockets.ProtocolType]::Unspecified)
        try {
            $socket.Bind([Net.Sockets.UnixDomainSocketEndPoint]::new((Join-Path $dir 'sock')))
            $socket.Listen(4)   # never accepted, never answered: a stopped daemon
            $err = $null
            Connect-VMHost -Uri "test+unix:///default?socket=$dir/sock" -TimeoutSec 1 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'OperationTimeout,*'
            $err[0].Exception.Message | Should -BeLike 'Timed out after 1 s*'
        }
        finally { $socket.Dispose(); Remove-Item -Recurse -Force $dir }
    }
}
