# Save-VMDomainScreenshot and Send-VMDomainKey on the embedded test hypervisor (libvirt's test-driver
# semantics, checked with python3-libvirt) and on real QEMU guests of libvirt 9.0 (host1) and 11.3 (host3).

BeforeDiscovery {
    $script:HostsReady = [bool]$env:LIBVIRT_PS_HOST1_SOCK
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "lvps-shots-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory $Dir | Out-Null
    function Test-PngHeader([string] $Path) {
        $b = [IO.File]::ReadAllBytes($Path)
        $b.Length -gt 24 -and $b[0] -eq 0x89 -and [Text.Encoding]::ASCII.GetString($b, 1, 3) -eq 'PNG'
    }
}

AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Save-VMDomainScreenshot on the embedded test hypervisor' {
    BeforeAll { $script:Uri = New-TestHost -Running web1, web2 -Stopped idle }

    It 'saves a 1120x832 PNG and says so' {
        $path = Join-Path $Dir 'web1.png'
        $r = Save-VMDomainScreenshot -Uri $Uri -Name web1 -Path $path
        $r.PSObject.TypeNames[0] | Should -Be 'Libvirt.Engine.Model.DomainScreenshot'
        $r.Width | Should -Be 1120
        $r.Height | Should -Be 832
        $r.Path | Should -Be $path
        $r.Length | Should -Be (Get-Item $path).Length
        Test-PngHeader $path | Should -BeTrue
    }

    It 'takes domains from the pipeline, one file each in a directory, shut off ones too (as the test driver)' {
        $sub = Join-Path $Dir 'all'
        New-Item -ItemType Directory $sub | Out-Null
        $r = Get-VMDomain -Uri $Uri | Save-VMDomainScreenshot -Path $sub
        $r.Count | Should -Be 3
        (Get-ChildItem $sub -Filter *.png).Name | Sort-Object | Should -Be @('idle.png', 'web1.png', 'web2.png')
    }

    It 'refuses a second domain for the same file, and writes the first' {
        $path = Join-Path $Dir 'same.png'
        $r = Save-VMDomainScreenshot -Uri $Uri -Name web* -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        Test-Path $path | Should -BeTrue
    }

    It '-WhatIf writes no file' {
        $path = Join-Path $Dir 'whatif.png'
        Save-VMDomainScreenshot -Uri $Uri -Name web1 -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'a read-only connection is refused with libvirt''s error' {
        Connect-VMHost -Uri $Uri -ReadOnly | Out-Null
        try {
            { Save-VMDomainScreenshot -Name web1 -Path (Join-Path $Dir 'ro.png') -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccessDenied,Libvirt.PowerShell.Commands.SaveVMDomainScreenshotCommand'
        } finally { Disconnect-VMHost }
    }

    It 'an unknown domain is DomainNotFound' {
        { Save-VMDomainScreenshot -Uri $Uri -Name nope -Path (Join-Path $Dir 'x.png') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DomainNotFound,Libvirt.PowerShell.Commands.SaveVMDomainScreenshotCommand'
    }

    It 'shows as a table with the picture''s size' {
        $text = Save-VMDomainScreenshot -Uri $Uri -Name web2 -Path (Join-Path $Dir 'v.png') | Out-String
        $text | Should -Match 'Domain\s+Width\s+Height'
        $text | Should -Match 'web2\s+1120\s+832'
    }
}

Describe 'Send-VMDomainKey on the embedded test hypervisor' {
    BeforeAll { $script:Uri = New-TestHost -Running web1 -Stopped idle }

    It 'sends ctrl+alt+delete by name and writes nothing without -PassThru' {
        Send-VMDomainKey -Uri $Uri -Name web1 -Key ctrl, alt, delete | Should -BeNullOrEmpty
        (Send-VMDomainKey -Uri $Uri -Name web1 -Key KEY_A -PassThru).Name | Should -Be web1
    }

    It 'numbers go in any codeset' {
        Send-VMDomainKey -Uri $Uri -Name web1 -Key 4 -Codeset Usb | Should -BeNullOrEmpty
    }

    It 'a shut-off domain is OperationInvalid, as libvirt says' {
        { Send-VMDomainKey -Uri $Uri -Name idle -Key enter -ErrorAction Stop } |
            Should -Throw -ErrorId 'OperationInvalid,Libvirt.PowerShell.Commands.SendVMDomainKeyCommand'
    }

    It 'a keycode the codeset does not know is the test driver''s internal error' {
        { Send-VMDomainKey -Uri $Uri -Name web1 -Key 767 -ErrorAction Stop } | Should -Throw '*invalid keycode 767 of linux codeset*'
    }

    It 'bad key names, names in another codeset and more than 16 keys are refused before anything is sent' {
        { Send-VMDomainKey -Uri $Uri -Name web1 -Key bogus } | Should -Throw -ErrorId 'InvalidArgument,Libvirt.PowerShell.Commands.SendVMDomainKeyCommand'
        { Send-VMDomainKey -Uri $Uri -Name web1 -Key ctrl -Codeset Usb } | Should -Throw -ErrorId 'InvalidArgument,Libvirt.PowerShell.Commands.SendVMDomainKeyCommand'
        { Send-VMDomainKey -Uri $Uri -Name web1 -Key (1..17 | ForEach-Object { "$_" }) } | Should -Throw '*range `[1, 16`]*'
    }

    It '-WhatIf sends nothing (not even -PassThru''s domain)' {
        Send-VMDomainKey -Uri $Uri -Name web1 -Key ctrl, alt, delete -WhatIf -PassThru | Should -BeNullOrEmpty
    }
}

Describe 'Screen and keys of real QEMU guests' -Skip:(-not $HostsReady) {
    It 'host<_> (libvirt <_>): a screenshot of a guest in SeaBIOS is a picture that is not blank; keys reach it' -ForEach @(1, 3) {
        $uri = (Get-Item "env:LIBVIRT_PS_HOST$($_)_URI").Value
        $name = "pester-shot-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $xml = (Get-Content $env:LIBVIRT_PS_TINY_XML -Raw) -replace '<name>[^<]*</name>', "<name>$name</name>" -replace '</devices>', "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='vga'/></video></devices>"
        New-VMDomain -Uri $uri -Xml $xml -Start | Out-Null
        try {
            Start-Sleep -Seconds 2
            $path = Join-Path $Dir "$name.png"
            $r = Save-VMDomainScreenshot -Uri $uri -Name $name -Path $path
            $r.Width | Should -BeGreaterOrEqual 640
            $r.Height | Should -BeGreaterOrEqual 200
            Test-PngHeader $path | Should -BeTrue
            # Not blank: the PNG of one colour would compress to almost nothing.
            $r.Length | Should -BeGreaterThan 1500
            Send-VMDomainKey -Uri $uri -Name $name -Key ctrl, alt, delete | Should -BeNullOrEmpty
        } finally {
            Stop-VMDomain -Uri $uri -Name $name -Force -Confirm:$false -ErrorAction SilentlyContinue
        }
    }
}
