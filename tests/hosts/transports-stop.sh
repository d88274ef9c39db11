#!/usr/bin/env bash
# Stops what transports-start.sh started (its libvirtd and sshd, by their pid files only) and removes
# the ssh_config alias it installed. Safe when nothing runs. Leaves STATE_DIR (logs) in place.
# Usage: tests/hosts/transports-stop.sh [STATE_DIR]   (default /tmp/libvirt-ps-transports)
set -euo pipefail

log() { echo "transports-stop.sh: $*" >&2; }
STATE=${1:-/tmp/libvirt-ps-transports}

alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# stop_pid FILE COMM: TERM (then KILL after 10 s) the process named in FILE if it is a live COMM.
stop_pid() {
    local f=$1 comm=$2 pid _
    [[ -r $f ]] || return 0
    pid=$(<"$f")
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    if alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]]; then
        log "stopping $comm (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do alive "$pid" || break; sleep 0.2; done
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
}

if [[ -d $STATE ]]; then
    for f in "$STATE/daemon/libvirtd.pid" "$STATE/daemon/launcher.pid"; do stop_pid "$f" libvirtd; done
    for f in "$STATE/ssh/sshd.pid" "$STATE/ssh/launcher.pid"; do stop_pid "$f" sshd; done
    rm -f "$STATE/daemon/libvirtd.pid" "$STATE/daemon/launcher.pid" "$STATE/ssh/sshd.pid" "$STATE/ssh/launcher.pid"
fi
rm -f /etc/ssh/ssh_config.d/libvirt-ps-transports.conf
log "stopped ($STATE)"
