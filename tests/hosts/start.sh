#!/usr/bin/env bash
# Starts two isolated libvirtd instances ("host1", "host2") for real tests, writes guest and
# test-driver fixtures, and describes it all in STATE_DIR/hosts.env and STATE_DIR/hosts.json.
# Usage: tests/hosts/start.sh [STATE_DIR]   (default /tmp/libvirt-ps-hosts; run setup.sh first)
# Idempotent: a host whose daemon is alive and answers is reused as is; any other host is
# stopped (with its leftover QEMU) and started again from a clean state.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

log() { echo "start.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (mount namespaces, QEMU as root)"
for cmd in libvirtd virsh unshare qemu-system-x86_64; do
    command -v "$cmd" >/dev/null || die "$cmd not found: run tests/hosts/setup.sh first"
done

STATE=$(state_dir "${1:-}")
# The path ends up unquoted inside URIs, env lines and JSON, so keep it to plain characters.
[[ $STATE =~ ^[A-Za-z0-9._/-]+$ ]] || die "STATE_DIR must contain only [A-Za-z0-9._/-]: $STATE"
# A unix socket path must fit in sun_path (108 bytes with the trailing NUL).
((${#STATE} + 25 < 108)) || die "STATE_DIR path too long for a unix socket: $STATE"
lock_state

# Fixed, distinct host UUIDs: libvirt refuses to migrate between hosts with the same UUID.
host_uuid() { printf '4c505348-0000-4000-8000-%012d' "$1"; }

# The QEMU capabilities cache that host N's QEMU build can reuse (host3 runs another QEMU).
caps_dir() { if [[ $1 == 3 ]]; then echo "$STATE/qemu-caps-debian13"; else echo "$STATE/qemu-caps"; fi; }

# launch_host N [ROOT]: starts host N's libvirtd, from the machine's own packages or, with ROOT, from
# the Debian 13 root that debian13-root.sh built (libvirt 11.3, QEMU 10.0), chrooted.
launch_host() {
    local n=$1 root=${2:-} dir caps
    dir=$(host_dir "$n")
    caps=$(caps_dir "$n")
    stop_host "$n" # clears a half-started or crashed host, including its QEMU
    rm -rf "$dir"
    mkdir -p "$dir"/{run,lib,etc,cache,log,sock}
    # Each host gets its own copy of the configured /etc/libvirt (qemu.conf from setup.sh);
    # persistent guest definitions it makes land in that copy, not in the system folder.
    cp -a "$root/etc/libvirt/." "$dir/etc/"
    # Probing QEMU's capabilities takes ~8 s under TCG; reuse what an earlier host probed.
    # libvirt re-probes by itself if QEMU, libvirt or the host CPU changed since, so a stale
    # copy is harmless (see the CPU pinning below for why it stays valid).
    if [[ -d $caps ]]; then
        mkdir -p "$dir/cache/qemu"
        cp -a "$caps" "$dir/cache/qemu/capabilities"
    fi
    cat >"$dir/libvirtd.conf" <<EOF
unix_sock_dir = "$dir/sock"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
listen_tls = 0
listen_tcp = 0
host_uuid = "$(host_uuid "$n")"
log_outputs = "3:file:$dir/libvirtd.log"
EOF
    # The daemon runs chrooted when a root is given (host3); lib.sh reads it from here, also for fault.sh.
    if [[ -n $root ]]; then echo "$root" >"$dir/root"; fi
    launch_daemon "$n"
    log "host$n: launched libvirtd (pid $!)"
}

# Waits (at most START_TIMEOUT seconds, default 30: the first start on a machine probes QEMU,
# ~8 s) until host N answers on both drivers; records its UTS namespace.
wait_host() {
    local n=$1 dir pid i caps deadline=$((SECONDS + ${START_TIMEOUT:-30}))
    dir=$(host_dir "$n")
    for ((i = 1; SECONDS < deadline; i++)); do
        if host_answers "$n"; then
            pid=$(daemon_pid "$n")
            readlink "/proc/$pid/ns/uts" >"$dir/utsns"
            caps=$(caps_dir "$n")
            if [[ ! -d $caps && -d $dir/cache/qemu/capabilities ]]; then
                rm -rf "$caps.tmp" # left by an interrupted run
                cp -a "$dir/cache/qemu/capabilities" "$caps.tmp"
                mv "$caps.tmp" "$caps"
            fi
            log "host$n: ready (pid $pid, $(host_sock "$n"))"
            return 0
        fi
        if [[ -z $(daemon_pid "$n") ]] && ((i > 2)); then
            break # the daemon died: no point in waiting longer
        fi
        sleep 0.5
    done
    log "host$n did not come up; last lines of its output and log:"
    tail -n 20 "$dir/daemon.out" "$dir/libvirtd.log" >&2 2>/dev/null || true
    stop_host "$n"
    return 1
}

# --- the two hosts ---
# One after the other: the first start probes QEMU once, and the next host reuses that.
for n in "${HOSTS[@]}"; do
    if [[ -n $(daemon_pid "$n") ]] && host_answers "$n"; then
        log "host$n: already running (pid $(daemon_pid "$n")), reusing it"
    else
        launch_host "$n"
        wait_host "$n" || die "host$n failed to start"
    fi
done

# --- host3: the second libvirt version (11.3 from Debian 13), when debian13-root.sh has built its root ---
DEBIAN13_ROOT=${LIBVIRT_PS_DEBIAN13_ROOT:-/var/cache/libvirt-ps/debian13-root}
HOST3=
if [[ -f $DEBIAN13_ROOT/.libvirt-ps-ready ]]; then
    if [[ -n $(daemon_pid 3) ]] && host_answers 3; then
        log "host3: already running (pid $(daemon_pid 3)), reusing it"
    else
        launch_host 3 "$DEBIAN13_ROOT"
        # Its first start probes QEMU 10 under TCG, which takes longer than the Debian 12 probe.
        START_TIMEOUT=${START_TIMEOUT:-120} wait_host 3 || die "host3 (libvirt from $DEBIAN13_ROOT) failed to start"
    fi
    HOST3=3
else
    log "host3 not started: no Debian 13 root at $DEBIAN13_ROOT (tests/hosts/debian13-root.sh builds it)"
fi

# --- the network "lvps" on hosts 1 and 2 (see lib.sh): persistent, autostarted, active, dnsmasq serving ---
start_network() {
    local n=$1 uri br sub
    uri=$(qemu_uri "$n")
    br=$(host_bridge "$n")
    sub=$(host_subnet "$n")
    if ! timeout 10 virsh -q -c "$uri" net-info "$NETWORK_NAME" >/dev/null 2>&1; then
        cat >"$(host_dir "$n")/network.xml" <<EOF
<network>
  <name>$NETWORK_NAME</name>
  <bridge name='$br' stp='off'/>
  <ip address='$sub.1' netmask='255.255.255.0'>
    <dhcp><range start='$sub.100' end='$sub.199'/></dhcp>
  </ip>
</network>
EOF
        timeout 20 virsh -q -c "$uri" net-define "$(host_dir "$n")/network.xml" >/dev/null ||
            die "host$n: net-define $NETWORK_NAME failed"
        timeout 10 virsh -q -c "$uri" net-autostart "$NETWORK_NAME" >/dev/null
    fi
    if [[ $(timeout 10 virsh -q -c "$uri" net-info "$NETWORK_NAME" | awk '$1 == "Active:" { print $2 }') != yes ]]; then
        timeout 30 virsh -q -c "$uri" net-start "$NETWORK_NAME" >/dev/null ||
            die "host$n: net-start $NETWORK_NAME failed (dnsmasq-base and iptables installed? setup.sh)"
    fi
    log "host$n: network $NETWORK_NAME active (bridge $br, $sub.0/24)"
}
for n in "${NETWORK_HOSTS[@]}"; do start_network "$n"; done

# --- fixtures ---
# Files are written to a temp name and renamed, so a reader never sees half a file.

# many.xml: a test-driver node with 1,000 domains. The test driver's domain namespace sets each
# domain's initial state (runstate: 1 running, 3 paused, 5 shut off), managed save and
# transience, so listing, filtering and sorting tests have known answers:
#   i % 10 == 0 -> shut off (100, of which i % 100 == 0 also have a managed save: 10)
#   i % 10 == 5 -> paused (100);  all others running (800, of which i % 100 == 1 transient: 10)
#   vcpus 1 + (i-1) % 4;  memory 128 MiB * (1 + 7i % 16);  uuid 6d616e79-0000-4000-8000-<i>
MANY_COUNT=1000
write_many() {
    local f=$STATE/many.xml i state extra
    {
        echo "<node>"
        echo "  <cpu><mhz>2400</mhz><model>x86_64</model><active>16</active><nodes>2</nodes>"
        echo "    <sockets>2</sockets><cores>4</cores><threads>2</threads></cpu>"
        echo "  <memory>67108864</memory>"
        for ((i = 1; i <= MANY_COUNT; i++)); do
            state=1 extra=
            if ((i % 10 == 0)); then state=5; fi
            if ((i % 10 == 5)); then state=3; fi
            if ((i % 100 == 0)); then extra='<test:hasmanagedsave/>'; fi
            if ((i % 100 == 1)); then extra='<test:transient/>'; fi
            printf "  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>many%04d</name><uuid>6d616e79-0000-4000-8000-%012d</uuid>" "$i" "$i"
            printf "<memory unit='MiB'>%d</memory><vcpu>%d</vcpu><os><type arch='x86_64'>hvm</type></os>" \
                $((128 * (1 + 7 * i % 16))) $((1 + (i - 1) % 4))
            printf "<test:runstate>%d</test:runstate>%s</domain>\n" "$state" "$extra"
        done
        echo "</node>"
    } >"$f.tmp"
    mv "$f.tmp" "$f"
}

# tiny.xml: the smallest real guest; under TCG with no disk it idles in firmware.
write_tiny() {
    cat >"$STATE/tiny.xml.tmp" <<'EOF'
<domain type='qemu'>
  <name>tiny</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator><memballoon model='none'/></devices>
</domain>
EOF
    mv "$STATE/tiny.xml.tmp" "$STATE/tiny.xml"
}

# fill.xml: a guest whose RAM holds 32 MiB of random bytes (loaded from fill.bin at 16 MiB), so
# that live migration has real data to move and lasts seconds at a low bandwidth limit.
write_fill() {
    local bin=$STATE/fill.bin size=$((32 * 1024 * 1024))
    if [[ ! -f $bin ]] || (($(stat -c %s "$bin") != size)); then
        head -c "$size" /dev/urandom >"$bin.tmp"
        mv "$bin.tmp" "$bin"
    fi
    cat >"$STATE/fill.xml.tmp" <<EOF
<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>filled</name>
  <memory unit='MiB'>96</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator><memballoon model='none'/></devices>
  <qemu:commandline>
    <qemu:arg value='-device'/>
    <qemu:arg value='loader,file=$bin,addr=0x1000000,force-raw=on'/>
  </qemu:commandline>
</domain>
EOF
    mv "$STATE/fill.xml.tmp" "$STATE/fill.xml"
}

# tiny72.xml: the tiny guest on the machine type both QEMU builds have (7.2 and 10.0), for migrating
# between libvirt 9.0 and 11.3 in both directions: a guest defined as plain 'pc' on QEMU 10 gets
# pc-i440fx-10.0, which QEMU 7.2 cannot run.
write_tiny72() {
    sed "s/machine='pc'/machine='pc-i440fx-7.2'/; s/<name>tiny</<name>tiny72</" "$STATE/tiny.xml" >"$STATE/tiny72.xml.tmp"
    mv "$STATE/tiny72.xml.tmp" "$STATE/tiny72.xml"
}

write_many
write_tiny
write_tiny72
write_fill

MANY_URI="test+unix://$STATE/many.xml?socket=$(host_sock 1)"
# Check the node file through the daemon in one connection (each connection parses the file).
# No -q here: with -q, virsh prints "echo" output without a newline.
counts=$(timeout 60 virsh -c "$MANY_URI" 'list --all --name; echo @; list --state-running --name;
    echo @; list --state-paused --name; echo @; list --state-shutoff --name; echo @;
    list --transient --name; echo @; list --all --with-managed-save --name' |
    awk '/^@$/ { printf "%d ", n; n = 0; next } /^many/ { n++ } END { print n }') ||
    die "could not list domains of $MANY_URI"
[[ $counts == "1000 800 100 100 10 10" ]] ||
    die "many.xml: expected 'all running paused shutoff transient managedsave' = '1000 800 100 100 10 10', got '$counts'"
log "many.xml: 1000 domains (800 running, 100 paused, 100 shut off, 10 transient, 10 managed save)"

# A port base for migration streams (tcp://127.0.0.1:PORT): the first of 49152, 49162, ... whose
# ten ports nobody listens on. Checked by connecting, on loopback only.
port_free() { ! timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
MIGRATE_PORT_BASE=
for ((base = 49152; base < 49352; base += 10)); do
    ok=1
    for ((p = base; p < base + 10; p++)); do port_free "$p" || { ok=0; break; }; done
    if ((ok)); then MIGRATE_PORT_BASE=$base; break; fi
done
[[ -n $MIGRATE_PORT_BASE ]] || die "no free migration port range found in 49152-49351"

# --- hosts.env and hosts.json, same data ---
VARS=(
    LIBVIRT_PS_STATE_DIR "$STATE"
    LIBVIRT_PS_HOST1_NAME host1
    LIBVIRT_PS_HOST1_UUID "$(host_uuid 1)"
    LIBVIRT_PS_HOST1_SOCK "$(host_sock 1)"
    LIBVIRT_PS_HOST1_URI "$(qemu_uri 1)"
    LIBVIRT_PS_HOST1_TEST_URI "$(test_uri 1)"
    LIBVIRT_PS_HOST1_LOG "$(host_dir 1)/libvirtd.log"
    LIBVIRT_PS_HOST2_NAME host2
    LIBVIRT_PS_HOST2_UUID "$(host_uuid 2)"
    LIBVIRT_PS_HOST2_SOCK "$(host_sock 2)"
    LIBVIRT_PS_HOST2_URI "$(qemu_uri 2)"
    LIBVIRT_PS_HOST2_TEST_URI "$(test_uri 2)"
    LIBVIRT_PS_HOST2_LOG "$(host_dir 2)/libvirtd.log"
    LIBVIRT_PS_NETWORK_NAME "$NETWORK_NAME"
    LIBVIRT_PS_HOST1_BRIDGE "$(host_bridge 1)"
    LIBVIRT_PS_HOST1_SUBNET "$(host_subnet 1).0/24"
    LIBVIRT_PS_HOST2_BRIDGE "$(host_bridge 2)"
    LIBVIRT_PS_HOST2_SUBNET "$(host_subnet 2).0/24"
    LIBVIRT_PS_LEASE_SH "$HERE/lease.sh"
    LIBVIRT_PS_TINY72_XML "$STATE/tiny72.xml"
    LIBVIRT_PS_MANY_XML "$STATE/many.xml"
    LIBVIRT_PS_MANY_URI "$MANY_URI"
    LIBVIRT_PS_MANY_COUNT "$MANY_COUNT"
    LIBVIRT_PS_TINY_XML "$STATE/tiny.xml"
    LIBVIRT_PS_TINY_NAME tiny
    LIBVIRT_PS_FILL_XML "$STATE/fill.xml"
    LIBVIRT_PS_FILL_BIN "$STATE/fill.bin"
    LIBVIRT_PS_FILL_NAME filled
    LIBVIRT_PS_MIGRATE_PORT_BASE "$MIGRATE_PORT_BASE"
)
if [[ -n $HOST3 ]]; then
    VARS+=(
        LIBVIRT_PS_HOST3_NAME host3
        LIBVIRT_PS_HOST3_UUID "$(host_uuid 3)"
        LIBVIRT_PS_HOST3_SOCK "$(host_sock 3)"
        LIBVIRT_PS_HOST3_URI "$(qemu_uri 3)"
        LIBVIRT_PS_HOST3_TEST_URI "$(test_uri 3)"
        LIBVIRT_PS_HOST3_LOG "$(host_dir 3)/libvirtd.log"
        LIBVIRT_PS_HOST3_LIBVIRT_VERSION "$(timeout 10 virsh -q -c "$(qemu_uri 3)" version --daemon | awk '/Running against daemon/ { print $NF }')"
    )
fi
{
    for ((i = 0; i < ${#VARS[@]}; i += 2)); do
        printf "export %s='%s'\n" "${VARS[i]}" "${VARS[i + 1]}"
    done
} >"$STATE/hosts.env.tmp"
{
    # Values are plain (STATE_DIR was checked above), so no JSON escaping is needed.
    echo "{"
    for ((i = 0; i < ${#VARS[@]}; i += 2)); do
        sep=,
        ((i + 2 < ${#VARS[@]})) || sep=
        printf '  "%s": "%s"%s\n' "${VARS[i]}" "${VARS[i + 1]}" "$sep"
    done
    echo "}"
} >"$STATE/hosts.json.tmp"
mv "$STATE/hosts.env.tmp" "$STATE/hosts.env"
mv "$STATE/hosts.json.tmp" "$STATE/hosts.json"

log "hosts ready; source $STATE/hosts.env or read $STATE/hosts.json"
