#!/usr/bin/python3
"""A DHCP client just big enough to take a lease from a libvirt network's dnsmasq.

Usage: dhcp-client.py IFACE MAC [HOSTNAME]   (run inside the network namespace that holds IFACE)
Sends DISCOVER, takes the first OFFER, REQUESTs it, prints the address on ACK. The broadcast flag
is set, so dnsmasq answers by broadcast and the interface needs no address of its own.
"""
import os
import random
import socket
import struct
import sys
import time

MAGIC = b"\x63\x82\x53\x63"


def packet(xid, mac, msg_type, hostname, requested=None, server=None):
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000,
                       b"\0" * 4, b"\0" * 4, b"\0" * 4, b"\0" * 4, mac.ljust(16, b"\0"),
                       b"\0" * 64, b"\0" * 128)
    opts = bytes([53, 1, msg_type])
    if requested:
        opts += bytes([50, 4]) + requested
    if server:
        opts += bytes([54, 4]) + server
    if hostname:
        name = hostname.encode()
        opts += bytes([12, len(name)]) + name
    opts += bytes([55, 2, 1, 3, 255])
    return head + MAGIC + opts


def options(data):
    out, i = {}, 240
    while i < len(data) and data[i] != 255:
        if data[i] == 0:
            i += 1
            continue
        code, length = data[i], data[i + 1]
        out[code] = data[i + 2:i + 2 + length]
        i += 2 + length
    return out


def wait_for(sock, xid, want, deadline):
    while time.time() < deadline:
        sock.settimeout(max(0.1, deadline - time.time()))
        try:
            data = sock.recv(4096)
        except socket.timeout:
            break
        if len(data) < 240 or data[236:240] != MAGIC or struct.unpack("!I", data[4:8])[0] != xid:
            continue
        opts = options(data)
        if opts.get(53, b"\0")[0] == want:
            return data[16:20], opts.get(54)
        if opts.get(53, b"\0")[0] == 6:  # NAK
            sys.exit("dhcp-client: NAK from the server")
    return None, None


def main():
    iface, mac_text = sys.argv[1], sys.argv[2]
    hostname = sys.argv[3] if len(sys.argv) > 3 else None
    mac = bytes(int(b, 16) for b in mac_text.split(":"))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
    sock.bind(("", 68))
    xid = random.getrandbits(32)
    deadline = time.time() + 20
    while time.time() < deadline:
        sock.sendto(packet(xid, mac, 1, hostname), ("255.255.255.255", 67))
        offered, server = wait_for(sock, xid, 2, min(deadline, time.time() + 2))
        if not offered:
            continue
        sock.sendto(packet(xid, mac, 3, hostname, offered, server), ("255.255.255.255", 67))
        acked, _ = wait_for(sock, xid, 5, min(deadline, time.time() + 3))
        if acked:
            print(socket.inet_ntoa(acked))
            return
    sys.exit("dhcp-client: no lease within 20 s on " + iface)


if __name__ == "__main__":
    main()
