#!/usr/bin/env bash
# Injects a fault into ONE daemon of a STATE_DIR started by start.sh, for the reliability tests.
# Usage: tests/hosts/fault.sh STATE_DIR N ACTION
#   kill     SIGKILL host N's libvirtd (its QEMU guests live on, as after a crash)
#   stop     SIGSTOP it (the socket still accepts; nothing answers)
#   cont     SIGCONT it
#   restart  start host N's libvirtd again on the same state (after kill); waits until it answers
# Only the daemon whose pid file is in STATE_DIR/hostN is ever signalled; guests are never touched.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

die() { echo "fault.sh: ERROR: $*" >&2; exit 1; }

(($# == 3)) || die "usage: fault.sh STATE_DIR N kill|stop|cont|restart"
[[ -d $1 ]] || die "no state dir $1"
STATE=$(state_dir "$1")
n=$2
[[ $n =~ ^[0-9]+$ && -d $(host_dir "$n") ]] || die "no host$n in $STATE"

case $3 in
kill | stop | cont)
    pid=$(daemon_pid "$n")
    [[ -n $pid ]] || die "host$n has no live libvirtd"
    signal=$(tr '[:lower:]' '[:upper:]' <<<"$3")
    kill -"$signal" "$pid"
    if [[ $3 == kill ]]; then
        while alive "$pid"; do sleep 0.05; done
        rm -f "$(host_dir "$n")/libvirtd.pid" "$(host_dir "$n")/launcher.pid"
    fi
    ;;
restart)
    [[ -z $(daemon_pid "$n") ]] || die "host$n's libvirtd is still running: kill it first"
    launch_daemon "$n"
    deadline=$((SECONDS + ${START_TIMEOUT:-30}))
    until host_answers "$n"; do
        ((SECONDS < deadline)) || die "host$n did not answer within ${START_TIMEOUT:-30} s after restart"
        sleep 0.2
    done
    ;;
*) die "unknown action $3" ;;
esac
