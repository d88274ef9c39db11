#!/usr/bin/env bash
# The fleet of bench/fleet-listing.ps1: COUNT libvirtd daemons (default 16) serving libvirt's test driver,
# each given a node file of DOMAINS test domains (default 250), in STATE/fleet/dN.
#   bench/fleet-hosts.sh start STATE [COUNT] [DOMAINS]   prints one URI a line to STATE/fleet/uris.txt
#   bench/fleet-hosts.sh stop STATE
# The daemons load no driver module (LIBVIRT_DRIVER_DIR is an empty folder): the test driver is part of
# libvirt itself, and without the QEMU driver a daemon starts in a fraction of a second. Linux, as root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../tests/hosts/lib.sh
source "$HERE/../tests/hosts/lib.sh"

cmd=${1:?start or stop}
STATE=$(state_dir "${2:?STATE}")
COUNT=${3:-16}
DOMAINS=${4:-250}
FLEET=$STATE/fleet

stop_fleet() {
    local d pid
    for d in "$FLEET"/d*; do
        [[ -f $d/libvirtd.pid ]] || continue
        pid=$(<"$d/libvirtd.pid")
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q libvirtd "/proc/$pid/comm" 2>/dev/null; then kill_wait "$pid"; fi
        rm -f "$d/libvirtd.pid" "$d/launcher.pid"
    done
}

# The node file: DOMAINS domains, 4 of 5 running, the rest shut off.
write_node() {
    local f=$FLEET/node.xml i state
    {
        echo "<node><cpu><mhz>2400</mhz><model>x86_64</model><active>8</active><nodes>1</nodes>"
        echo "<sockets>1</sockets><cores>4</cores><threads>2</threads></cpu><memory>33554432</memory>"
        for ((i = 1; i <= DOMAINS; i++)); do
            state=1
            if ((i % 5 == 0)); then state=5; fi
            printf "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>fleet%04d</name>" "$i"
            printf "<uuid>666c6565-7400-4000-8000-%012d</uuid><memory unit='MiB'>256</memory><vcpu>2</vcpu>" "$i"
            printf "<os><type arch='x86_64'>hvm</type></os><test:runstate>%d</test:runstate></domain>\n" "$state"
        done
        echo "</node>"
    } >"$f.tmp"
    mv "$f.tmp" "$f"
}

# As lib.sh's launch_libvirtd (own mount and UTS namespace over the state folders), but not pinned to one CPU:
# the pin is for QEMU's capabilities cache, and these daemons have no QEMU driver; pinned, 16 daemons would
# share one core.
launch_fleet_daemon() {
    local dir=$1 name=$2
    # shellcheck disable=SC2016 # $1/$2 expand in the inner sh
    LIBVIRT_DRIVER_DIR=$FLEET/no-modules setsid unshare --mount --uts sh -c '
        set -e
        dir=$1
        mount --make-rprivate /
        mount --bind "$dir/run"   /run/libvirt
        mount --bind "$dir/lib"   /var/lib/libvirt
        mount --bind "$dir/etc"   /etc/libvirt
        mount --bind "$dir/cache" /var/cache/libvirt
        mount --bind "$dir/log"   /var/log/libvirt
        hostname "$2"
        exec libvirtd -f "$dir/libvirtd.conf" -p "$dir/libvirtd.pid"' \
        sh "$dir" "$name" </dev/null >"$dir/daemon.out" 2>&1 9>&- &
    echo $! >"$dir/launcher.pid"
}

case $cmd in
stop)
    stop_fleet
    ;;
start)
    [[ $(id -u) -eq 0 ]] || { echo "fleet-hosts.sh: must run as root" >&2; exit 1; }
    stop_fleet
    rm -rf "$FLEET"
    mkdir -p "$FLEET/no-modules"
    write_node
    : >"$FLEET/uris.txt"
    for ((n = 1; n <= COUNT; n++)); do
        d=$FLEET/d$n
        mkdir -p "$d"/{run,lib,etc,cache,log,sock}
        cat >"$d/libvirtd.conf" <<CONF
unix_sock_dir = "$d/sock"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
listen_tls = 0
listen_tcp = 0
host_uuid = "666c6565-7400-4000-8000-$(printf %012d "$n")"
log_outputs = "3:file:$d/libvirtd.log"
CONF
        launch_fleet_daemon "$d" "fleet$n"
        echo "test+unix://$FLEET/node.xml?socket=$d/sock/libvirt-sock" >>"$FLEET/uris.txt"
    done
    # Ready when each answers a listing of the whole node file.
    deadline=$((SECONDS + 60))
    while read -r uri; do
        until [[ $(timeout 10 virsh -q -c "$uri" list --all --name 2>/dev/null | grep -c .) == "$DOMAINS" ]]; do
            ((SECONDS < deadline)) || { echo "fleet-hosts.sh: $uri did not come up" >&2; stop_fleet; exit 1; }
            sleep 0.2
        done
    done <"$FLEET/uris.txt"
    echo "fleet-hosts.sh: $COUNT daemons with $DOMAINS domains each; URIs in $FLEET/uris.txt" >&2
    ;;
*) echo "usage: $0 start|stop STATE [COUNT] [DOMAINS]" >&2; exit 2 ;;
esac
