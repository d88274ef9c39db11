# Shared by the bench scripts (dot-sourced): timing helpers. Benchmarks print ratios; they never assert.

# The median seconds of $Runs runs of $Work.
function Measure-Median([int] $Runs, [scriptblock] $Work) {
    $times = foreach ($i in 1..$Runs) { (Measure-Command $Work).TotalSeconds }
    $sorted = $times | Sort-Object
    $sorted[[int][math]::Floor($sorted.Count / 2)]
}

# One result line; with -Against, the ratio of $Against (the module's time) to this peer's time.
function Write-Ratio([string] $What, [double] $Seconds, [double] $Against = 0) {
    if ($Against -gt 0) { '{0,-40} {1,9:N4} s   module/peer {2:N2}' -f $What, $Seconds, ($Against / $Seconds) }
    else { '{0,-40} {1,9:N4} s' -f $What, $Seconds }
}
