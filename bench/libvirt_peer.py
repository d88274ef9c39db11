#!/usr/bin/python3
"""Peers for the bench scripts (list-domains.ps1, qemu-listing.ps1, lookups.ps1): libvirt's own C client (python3-libvirt).

  libvirt_peer.py define URI XML COUNT     defines COUNT shut-off copies of XML (names bench0001...)
  libvirt_peer.py undefine URI             undefines every bench* domain
  libvirt_peer.py list URI RUNS            median seconds of: getAllDomainStats(state|balloon|vcpu),
                                             listAllDomains()+info() per domain
  libvirt_peer.py lookups URI RUNS N T     median seconds of N lookups in a loop and spread over T threads, each
                                             lookupByName() plus what Get-VMDomain shows (info, state,
                                             persistence, autostart); then of bare lookupByName() in a loop
  libvirt_peer.py fleet URIFILE RUNS       median seconds of listAllDomains()+info() on the first host, on every
                                             host one after the other, and on every host at once (a thread each)
"""
import re
import statistics
import sys
import threading
import time
import uuid

import libvirt


def median_seconds(runs, work):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def define(conn, xml, count):
    for i in range(1, count + 1):
        doc = re.sub(r"<name>[^<]*</name>", f"<name>bench{i:04d}</name><uuid>{uuid.uuid4()}</uuid>", xml, count=1)
        conn.defineXML(doc)


def undefine(conn):
    for d in conn.listAllDomains(0):
        if d.name().startswith("bench"):
            if d.isActive():
                d.destroy()
            d.undefine()


def listing(conn, runs):
    stats_flags = libvirt.VIR_DOMAIN_STATS_STATE | libvirt.VIR_DOMAIN_STATS_BALLOON | libvirt.VIR_DOMAIN_STATS_VCPU
    n = len(conn.listAllDomains(0))
    stats = median_seconds(runs, lambda: conn.getAllDomainStats(stats_flags))
    info = median_seconds(runs, lambda: [(d.name(), d.info()) for d in conn.listAllDomains(0)])
    print(f"{stats:.6f} {info:.6f} {n}")


def lookups(conn, runs, count, threads):
    names = [d.name() for d in conn.listAllDomains(0)]
    names = (names * (count // len(names) + 1))[:count]
    def full(name):
        d = conn.lookupByName(name)
        return d.info(), d.state(), d.isPersistent(), d.autostart()

    sequential = median_seconds(runs, lambda: [full(n) for n in names])
    bare = median_seconds(runs, lambda: [conn.lookupByName(n) for n in names])

    def spread():
        chunks = [names[i::threads] for i in range(threads)]
        workers = [threading.Thread(target=lambda c=c: [full(n) for n in c]) for c in chunks]
        for w in workers:
            w.start()
        for w in workers:
            w.join()

    concurrent = median_seconds(runs, spread)
    print(f"{sequential:.6f} {concurrent:.6f} {bare:.6f}")


def fleet(uris, runs):
    conns = [libvirt.open(u) for u in uris]
    try:
        def one(c):
            return [(d.name(), d.info()) for d in c.listAllDomains(0)]

        def at_once():
            workers = [threading.Thread(target=one, args=(c,)) for c in conns]
            for w in workers:
                w.start()
            for w in workers:
                w.join()

        first = median_seconds(runs, lambda: one(conns[0]))
        sequential = median_seconds(runs, lambda: [one(c) for c in conns])
        threads = median_seconds(runs, at_once)
        print(f"{first:.6f} {sequential:.6f} {threads:.6f}")
    finally:
        for c in conns:
            c.close()


def main():
    verb, uri = sys.argv[1], sys.argv[2]
    if verb == "fleet":
        fleet([line.strip() for line in open(uri) if line.strip()], int(sys.argv[3]))
        return
    conn = libvirt.open(uri)
    try:
        if verb == "define":
            define(conn, open(sys.argv[3]).read(), int(sys.argv[4]))
        elif verb == "undefine":
            undefine(conn)
        elif verb == "list":
            listing(conn, int(sys.argv[3]))
        elif verb == "lookups":
            lookups(conn, int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
        else:
            raise SystemExit(f"unknown verb {verb}")
    finally:
        conn.close()


main()
