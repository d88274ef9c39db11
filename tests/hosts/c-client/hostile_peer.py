#!/usr/bin/python3
"""Measures libvirt's own C client (through python3-libvirt) against a scripted hostile peer.

Each scenario starts a fake daemon on a unix socket that answers the handshake correctly and then
misbehaves on the first call after CONNECT_OPEN (CONNECT_GET_HOSTNAME). The client runs in a child
process with a deadline, so a hang is reported as a hang. Output: one line per scenario,
'scenario<TAB>outcome<TAB>seconds', the reference column of docs/reliability.md.
Usage: [WITH_EVENT_LOOP=1] [DEADLINE=s] /usr/bin/python3 hostile_peer.py [scenario ...]
(WITH_EVENT_LOOP=1 runs the client as virsh does, with keepalive.)
"""
import os, socket, struct, sys, tempfile, threading, time, multiprocessing

REMOTE, KEEP = 0x20008086, 0x6b656570
CALL, REPLY, MESSAGE = 0, 1, 2
OK, ERROR, CONTINUE = 0, 1, 2
AUTH_LIST, OPEN, CLOSE, FEATURE, HOSTNAME = 66, 1, 2, 60, 59


def packet(prog, vers, proc, typ, serial, status, payload=b""):
    return struct.pack(">IIIiiIi", 28 + len(payload), prog, vers, proc, typ, serial, status) + payload


def xdr_string(s):
    b = s.encode()
    return struct.pack(">I", len(b)) + b + b"\0" * (-len(b) % 4)


def read_packet(conn):
    head = recv_exact(conn, 4)
    if head is None:
        return None
    (length,) = struct.unpack(">I", head)
    body = recv_exact(conn, length - 4)
    prog, vers, proc, typ, serial, status = struct.unpack(">IIiiIi", body[:24])
    return prog, vers, proc, typ, serial, status, body[24:]


def recv_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def hostname_reply(serial):
    return packet(REMOTE, 1, HOSTNAME, REPLY, serial, OK, xdr_string("fake"))


# What the peer sends instead of the right reply to CONNECT_GET_HOSTNAME (serial s).
SCENARIOS = {
    "right-reply": lambda s: [hostname_reply(s)],
    "unknown-serial": lambda s: [packet(REMOTE, 1, HOSTNAME, REPLY, s + 1000, OK, xdr_string("fake"))],
    "wrong-program": lambda s: [packet(0x12345678, 1, HOSTNAME, REPLY, s, OK, xdr_string("fake"))],
    "wrong-version": lambda s: [packet(REMOTE, 2, HOSTNAME, REPLY, s, OK, xdr_string("fake"))],
    "wrong-procedure": lambda s: [packet(REMOTE, 1, 3, REPLY, s, OK, xdr_string("fake"))],
    "status-continue": lambda s: [packet(REMOTE, 1, HOSTNAME, REPLY, s, CONTINUE, xdr_string("fake"))],
    "status-bogus": lambda s: [packet(REMOTE, 1, HOSTNAME, REPLY, s, 7, xdr_string("fake"))],
    "type-call": lambda s: [packet(REMOTE, 1, HOSTNAME, CALL, s, OK, xdr_string("fake"))],
    "type-bogus": lambda s: [packet(REMOTE, 1, HOSTNAME, 9, s, OK, xdr_string("fake"))],
    "type-reply-with-fds": lambda s: [packet(REMOTE, 1, HOSTNAME, 5, s, OK, struct.pack(">I", 0) + xdr_string("fake"))],
    "truncated-payload": lambda s: [packet(REMOTE, 1, HOSTNAME, REPLY, s, OK, struct.pack(">I", 100) + b"abcd")],
    "garbage-error-payload": lambda s: [packet(REMOTE, 1, HOSTNAME, REPLY, s, ERROR, b"\xff" * 8)],
    "length-too-small": lambda s: [struct.pack(">I", 3) + b"\0" * 40],
    "length-huge": lambda s: [struct.pack(">I", 0x7fffffff) + b"\0" * 40],
    "length-max-plus-one": lambda s: [struct.pack(">I", 4 + 32 * 1024 * 1024 + 1) + b"\0" * 40],
    "garbage-bytes": lambda s: [os.urandom(64)],
    "close-mid-packet": lambda s: [hostname_reply(s)[:20], "close"],
    "close-before-reply": lambda s: ["close"],
    "silent-after-open": lambda s: ["silent"],
    "ping-flood": lambda s: ["flood"],
}


def serve(path, scenario, ready):
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(4)
    ready.set()
    if scenario == "silent-connect":
        time.sleep(60)  # accepts (the kernel backlog does) but never speaks
        return
    conn, _ = srv.accept()
    while True:
        p = read_packet(conn)
        if p is None:
            return
        prog, vers, proc, typ, serial, status, payload = p
        if prog == KEEP:
            if proc == 1:
                conn.sendall(packet(KEEP, 1, 2, MESSAGE, 0, OK))
            continue
        if proc == AUTH_LIST:
            conn.sendall(packet(REMOTE, 1, proc, REPLY, serial, OK, struct.pack(">Ii", 1, 0)))
        elif proc == FEATURE:
            conn.sendall(packet(REMOTE, 1, proc, REPLY, serial, OK, struct.pack(">i", 1)))
        elif proc in (OPEN, CLOSE):
            conn.sendall(packet(REMOTE, 1, proc, REPLY, serial, OK))
        elif proc == HOSTNAME:
            for item in SCENARIOS[scenario](serial):
                if item == "close":
                    conn.close()
                    return
                if item == "silent":
                    while conn.recv(4096):
                        pass
                    return
                if item == "flood":
                    ping = packet(KEEP, 1, 1, MESSAGE, 0, OK)
                    try:
                        while True:
                            conn.sendall(ping * 1024)
                    except OSError:
                        return
                conn.sendall(item)
        else:
            # Anything else: the generic "unknown procedure" error a daemon would give.
            err = struct.pack(">ii", 39, 7) + struct.pack(">I", 1) + xdr_string("unknown procedure: %d" % proc) + \
                struct.pack(">iI", 2, 0) + struct.pack(">III", 0, 0, 0) + struct.pack(">iiI", -1, -1, 0)
            conn.sendall(packet(REMOTE, 1, proc, REPLY, serial, ERROR, err))


def client(uri, out):
    import libvirt
    libvirt.registerErrorHandler(lambda c, e: None, None)
    if os.environ.get("WITH_EVENT_LOOP"):
        libvirt.virEventRegisterDefaultImpl()
        threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()
    try:
        conn = libvirt.open(uri)
        out.put("hostname=%r" % conn.getHostname())
    except libvirt.libvirtError as e:
        out.put("error %d/%d %r" % (e.get_error_code(), e.get_error_domain(), e.get_error_message()))


def run(scenario, deadline=int(os.environ.get("DEADLINE", "15"))):
    d = tempfile.mkdtemp(prefix="lvps-cpeer-")
    path = os.path.join(d, "sock")
    ready = threading.Event()
    threading.Thread(target=serve, args=(path, scenario, ready), daemon=True).start()
    ready.wait()
    out = multiprocessing.Queue()
    started = time.monotonic()
    proc = multiprocessing.Process(target=client, args=("test+unix:///default?socket=" + path, out))
    proc.start()
    proc.join(deadline)
    elapsed = time.monotonic() - started
    if proc.is_alive():
        proc.kill()
        return "HANGS (killed after %d s)" % deadline, elapsed
    return (out.get() if not out.empty() else "client died, exit %s" % proc.exitcode), elapsed


if __name__ == "__main__":
    names = sys.argv[1:] or list(SCENARIOS) + ["silent-connect"]
    for name in names:
        outcome, elapsed = run(name)
        print("%s\t%s\t%.1f" % (name, outcome, elapsed), flush=True)
