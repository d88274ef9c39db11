# Volume upload and download throughput: Import-/Export-VMStorageVolume against virsh vol-upload/vol-download
# (libvirt's C client), same host, same volume, same file, in the same run. Prints seconds and the ratio
# module/virsh (target <= 1.1). Needs the hosts of tests/hosts/start.sh (hosts.env loaded).
# Usage: dotnet pwsh bench/volume-transfer.ps1 [-SizeMiB 256] [-Runs 3]
param([int] $SizeMiB = 256, [int] $Runs = 3, [string] $Uri = $env:LIBVIRT_PS_HOST1_URI)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
if (-not $Uri) { throw 'No host: load STATE/hosts.env (tests/hosts/start.sh) or pass -Uri.' }
$module = if ($env:LIBVIRT_PS_MODULE) { $env:LIBVIRT_PS_MODULE } else { Join-Path $PSScriptRoot '../out/Libvirt' }
Import-Module $module
$pool = "bench-$PID"
$dir = Join-Path $env:LIBVIRT_PS_STATE_DIR "host1/pools/$pool"
$scratch = Join-Path ([IO.Path]::GetTempPath()) "volume-transfer-$PID"
New-Item -ItemType Directory -Force $scratch | Out-Null
$src = Join-Path $scratch 'src.bin'
# Random data (nothing for a sparse path to skip): the transfer itself is measured.
$rng = New-Object Random 1
$buf = [byte[]]::new(1MB)
$f = [IO.File]::Create($src)
for ($i = 0; $i -lt $SizeMiB; $i++) { $rng.NextBytes($buf); $f.Write($buf, 0, $buf.Length) }
$f.Close()
$p = New-VMStoragePool -Uri $Uri -Name $pool -TargetPath $dir -Build -Start
try {
    $v = New-VMStorageVolume -StoragePool $p -Name data.raw -Capacity "${SizeMiB}MiB" -Format raw
    $c = Connect-VMHost -Uri $Uri
    $up = Measure-Median $Runs { $v | Import-VMStorageVolume -Path $src -ProgressAction SilentlyContinue }
    $upVirsh = Measure-Median $Runs { & virsh -q -c $Uri vol-upload --pool $pool data.raw $src; if ($LASTEXITCODE) { throw 'virsh vol-upload failed' } }
    $down = Measure-Median $Runs { $v | Export-VMStorageVolume -Path (Join-Path $scratch 'out.bin') -Force -ProgressAction SilentlyContinue }
    $downVirsh = Measure-Median $Runs { & virsh -q -c $Uri vol-download --pool $pool data.raw (Join-Path $scratch 'virsh.bin'); if ($LASTEXITCODE) { throw 'virsh vol-download failed' } }
    "volume transfer, $SizeMiB MiB, median of $Runs"
    Write-Ratio 'virsh vol-upload' $upVirsh $up
    Write-Ratio 'Import-VMStorageVolume' $up
    Write-Ratio 'virsh vol-download' $downVirsh $down
    Write-Ratio 'Export-VMStorageVolume' $down
}
finally {
    Get-VMStorageVolume -StoragePool $p -ErrorAction SilentlyContinue | Remove-VMStorageVolume -Force
    $p | Remove-VMStoragePool -Force -DeleteTarget
    Remove-Item -Recurse -Force $scratch
}
