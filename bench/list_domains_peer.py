#!/usr/bin/python3
"""The peer for bench/list-domains.ps1: libvirt's own C client (python3-libvirt) listing every domain with
name, state, vCPUs and memory, as Get-VMDomain does. Prints the median seconds of N runs."""
import statistics
import sys
import time

import libvirt

uri, runs = sys.argv[1], int(sys.argv[2])
conn = libvirt.open(uri)
times = []
for _ in range(runs):
    start = time.perf_counter()
    rows = [(d.name(), d.info()) for d in conn.listAllDomains(0)]
    times.append(time.perf_counter() - start)
conn.close()
print(f"{statistics.median(times):.6f} {len(rows)}")
