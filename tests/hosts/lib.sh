# shellcheck shell=bash
# Shared helpers for start.sh and stop.sh (sourced, not run).
# Layout of STATE_DIR (default /tmp/libvirt-ps-hosts):
#   hostN/sock/libvirt-sock   the daemon's unix socket (reachable from outside its namespace)
#   hostN/{run,lib,etc,cache,log}  bind-mounted over /run/libvirt, /var/lib/libvirt, /etc/libvirt,
#                             /var/cache/libvirt, /var/log/libvirt inside the daemon's namespace
#   hostN/libvirtd.{conf,pid,log}, hostN/utsns (its UTS namespace id, to find its QEMU processes)

# shellcheck disable=SC2034 # used by start.sh and stop.sh
HOSTS=(1 2)
# Every host start.sh may run: host3 is the Debian 13 (libvirt 11.3) host, started when its root exists.
ALL_HOSTS=(1 2 3)

# Turns the optional first argument into an absolute STATE_DIR (URIs need absolute paths).
state_dir() {
    local dir=${1:-/tmp/libvirt-ps-hosts}
    mkdir -p "$dir"
    (cd "$dir" && pwd -P)
}

# Serialises start.sh and stop.sh on one STATE_DIR (test runners may call them concurrently).
# The daemons must not inherit fd 9, or they would hold the lock for ever (start.sh closes it).
lock_state() {
    exec 9>"$STATE/.lock"
    flock -w 120 9 || { echo "could not lock $STATE/.lock within 120 s" >&2; exit 1; }
}

host_dir()  { echo "$STATE/host$1"; }
host_sock() { echo "$STATE/host$1/sock/libvirt-sock"; }
qemu_uri()  { echo "qemu+unix:///system?socket=$(host_sock "$1")"; }
test_uri()  { echo "test+unix:///default?socket=$(host_sock "$1")"; }

# --- the hosts' libvirt network (dnsmasq) ---
# Hosts 1 and 2 each get a persistent, autostarted, isolated network "lvps" whose bridge lives in the
# machine's network namespace (the daemons share it: migration and the tcp transports need that), so
# its bridge name and subnet are derived from STATE: several state dirs on one machine never collide
# (libvirt refuses a subnet another interface routes). Leases come from tests/hosts/lease.sh, a DHCP
# client in a network namespace of its own, on a veth whose other end is on the bridge.
# shellcheck disable=SC2034 # used by start.sh
NETWORK_HOSTS=(1 2)
NETWORK_NAME=lvps
state_hash() { printf '%s' "$STATE" | cksum | awk '{ print $1 }'; }
host_bridge() { printf 'lv%07xh%s' $(($(state_hash) % 0xfffffff)) "$1"; }
# 10.X.Y with X in 64..127 and Y from the hash and the host number.
host_subnet() { local h; h=$(state_hash); echo "10.$((64 + h % 64)).$(((h / 64) % 50 * 5 + $1))"; }
host_netns() { printf 'lvps-%x-h%s' "$(state_hash)" "$1"; }

# Removes what host N's network leaves behind when its daemon died without destroying it: the
# dnsmasq processes it started (pid files under run/network), the bridge, the lease namespace.
stop_host_network() {
    local n=$1 dir f pid br ns
    dir=$(host_dir "$n")
    for f in "$dir"/run/network/*.pid; do
        [[ -r $f && $(basename "$f") != driver.pid ]] || continue
        pid=$(<"$f")
        if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dnsmasq ]]; then
            kill_wait "$pid"
        fi
    done
    br=$(host_bridge "$n")
    if ip link show "$br" >/dev/null 2>&1; then ip link del "$br" 2>/dev/null || true; fi
    ns=$(host_netns "$n")
    if ip netns list 2>/dev/null | grep -qw "$ns"; then ip netns del "$ns" 2>/dev/null || true; fi
    return 0
}

# Prints the daemon's pid if its pid file names a live libvirtd, else nothing.
daemon_pid() {
    local f pid
    for f in "$(host_dir "$1")/libvirtd.pid" "$(host_dir "$1")/launcher.pid"; do
        [[ -r $f ]] || continue
        pid=$(<"$f")
        [[ $pid =~ ^[0-9]+$ ]] || continue
        if alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == libvirtd ]]; then
            echo "$pid"
            return 0
        fi
    done
    return 0 # nothing printed means no live daemon
}

# True when the host's daemon answers on its socket, for both the QEMU and the test driver.
host_answers() {
    local sock
    sock=$(host_sock "$1")
    [[ -S $sock ]] &&
        timeout 10 virsh -q -c "$(qemu_uri "$1")" version >/dev/null 2>&1 &&
        timeout 10 virsh -q -c "$(test_uri "$1")" list --all >/dev/null 2>&1
}

# Pids of QEMU processes that belong to host N: those named in its qemu pid files, and any
# qemu-system process in the daemon's UTS namespace (covers a lost pid file or a dead daemon;
# libvirt gives each guest its own mount namespace, but QEMU keeps the daemon's UTS one).
# Only these are ever killed, never another session's QEMU.
host_qemu_pids() {
    local dir ns f pid
    dir=$(host_dir "$1")
    ns=$(cat "$dir/utsns" 2>/dev/null || true)
    {
        for f in "$dir"/run/qemu/*.pid; do
            if [[ -r $f ]]; then echo "$(<"$f")"; fi
        done
        if [[ -n $ns ]]; then
            for pid in $(pgrep -f '^/usr/bin/qemu-system' || true); do
                if [[ $(readlink "/proc/$pid/ns/uts" 2>/dev/null) == "$ns" ]]; then echo "$pid"; fi
            done
        fi
    } | sort -u | while read -r pid; do
        if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" &&
            [[ $(cat "/proc/$pid/comm" 2>/dev/null) == qemu-system* ]]; then
            echo "$pid"
        fi
    done
    return 0 # callers use this in assignments under set -e
}

# True if the process exists and is not a zombie (a zombie has already exited).
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# Sends TERM, waits up to 10 s, then KILLs whatever is left. Arguments: pids.
kill_wait() {
    local pid _
    (($#)) || return 0
    kill -TERM "$@" 2>/dev/null || true
    for _ in $(seq 50); do
        for pid in "$@"; do
            alive "$pid" && break
            pid=
        done
        [[ -z $pid ]] && return 0
        sleep 0.2
    done
    echo "  still alive after 10 s, sending KILL: $*" >&2
    kill -KILL "$@" 2>/dev/null || true
    sleep 0.2
}

# Stops host N completely: guests, daemon, leftover QEMU. Works on half-started hosts.
stop_host() {
    local n=$1 dir pid name jobs=()
    dir=$(host_dir "$n")
    [[ -d $dir ]] || return 0
    pid=$(daemon_pid "$n")
    if [[ -n $pid ]] && [[ -S $(host_sock "$n") ]]; then
        # Destroy active guests through libvirt first, so it cleans up after them. In parallel:
        # each destroy takes ~1.5 s.
        for name in $(timeout 10 virsh -q -c "$(qemu_uri "$n")" list --name 2>/dev/null || true); do
            echo "  host$n: destroying guest $name" >&2
            timeout 30 virsh -q -c "$(qemu_uri "$n")" destroy "$name" >/dev/null 2>&1 &
            jobs+=($!)
        done
        # Only our own destroys: a bare "wait" would also wait for daemons start.sh launched.
        if ((${#jobs[@]})); then wait "${jobs[@]}" || true; fi
    fi
    if [[ -n $pid ]]; then
        echo "  host$n: stopping libvirtd (pid $pid)" >&2
        kill_wait "$pid"
    fi
    # QEMU outlives libvirtd by design, so anything destroy missed is killed here.
    # shellcheck disable=SC2046
    set -- $(host_qemu_pids "$n")
    if (($#)); then
        echo "  host$n: killing leftover QEMU: $*" >&2
        kill_wait "$@"
    fi
    stop_host_network "$n"
    rm -f "$dir/libvirtd.pid" "$dir/launcher.pid"
}

# Starts host N's libvirtd on its existing state folders (launch_host in start.sh prepares them;
# fault.sh restarts a killed daemon this way, keeping its guests).
launch_daemon() {
    launch_libvirtd "$(host_dir "$1")" "host$1"
}

# Starts a libvirtd on the state folders DIR/{run,lib,etc,cache,log} with DIR/libvirtd.conf, named
# HOSTNAME, with any further arguments for libvirtd; its pid goes to DIR/launcher.pid. When DIR/root
# names a root (the Debian 13 one of debian13-root.sh), the daemon runs chrooted in it.
launch_libvirtd() {
    local dir=$1 hostname=$2 first_cpu root=
    shift 2
    if [[ -f $dir/root ]]; then root=$(<"$dir/root"); fi
    # The first CPU this script may run on (see the pinning note below).
    first_cpu=$(awk '/^Cpus_allowed_list/ { split($2, a, /[-,]/); print a[1] }' /proc/self/status)
    # Mount points for the bind mounts below must exist in the shared root.
    mkdir -p /run/libvirt /var/lib/libvirt /etc/libvirt /var/cache/libvirt /var/log/libvirt
    # Own mount + UTS namespace: the daemon sees its own state folders and hostname, while its
    # socket folder (not mounted over, unless it is DIR/run) stays reachable from outside. setsid
    # detaches it from this script; taskset, unshare and sh exec, so $! ends up being libvirtd's pid.
    # libvirtd is pinned to one CPU because its cached QEMU capabilities record the CPUID seen
    # by the probing thread, which differs between cores (APIC id): unpinned, the cache is
    # found "outdated" half the time and every start pays the ~8 s probe again. QEMU guests
    # are not held to that CPU: libvirt gives them all host CPUs unless told otherwise.
    # With a root, the root becomes a mount point (libvirt moves mounts for each guest's private /dev),
    # gets /proc, /dev and /sys, and the state folder's parent (STATE) is mounted at the same path
    # inside, so every path in libvirtd.conf, hosts.env and the guest XML means the same on both sides.
    # shellcheck disable=SC2016 # $1/$2/$3 expand in the inner sh, not here
    setsid taskset -c "$first_cpu" unshare --mount --uts sh -c '
        set -e
        dir=$1 name=$2 r=$3
        shift 3
        mount --make-rprivate /
        if [ -n "$r" ]; then
            state=$(dirname "$dir")
            mount --bind "$r" "$r"
            mount -t proc proc "$r/proc"
            mount --rbind /dev "$r/dev"
            mount --bind /sys "$r/sys"
            mkdir -p "$r$state"
            mount --bind "$state" "$r$state"
        fi
        mount --bind "$dir/run"   "$r/run/libvirt"
        mount --bind "$dir/lib"   "$r/var/lib/libvirt"
        mount --bind "$dir/etc"   "$r/etc/libvirt"
        mount --bind "$dir/cache" "$r/var/cache/libvirt"
        mount --bind "$dir/log"   "$r/var/log/libvirt"
        hostname "$name"
        if [ -n "$r" ]; then exec chroot "$r" libvirtd "$@" -f "$dir/libvirtd.conf" -p "$dir/libvirtd.pid"; fi
        exec libvirtd "$@" -f "$dir/libvirtd.conf" -p "$dir/libvirtd.pid"' \
        sh "$dir" "$hostname" "$root" "$@" </dev/null >"$dir/daemon.out" 2>&1 9>&- &
    echo $! >"$dir/launcher.pid"
}
