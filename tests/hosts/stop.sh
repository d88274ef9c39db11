#!/usr/bin/env bash
# Stops what tests/hosts/start.sh started: destroys the hosts' running guests, stops both
# libvirtd instances and kills any QEMU they left. Safe after a failed or partial start.sh,
# and when nothing runs. Leaves STATE_DIR in place (logs stay readable).
# Usage: tests/hosts/stop.sh [STATE_DIR]   (default /tmp/libvirt-ps-hosts)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

log() { echo "stop.sh: $*" >&2; }

dir=${1:-/tmp/libvirt-ps-hosts}
if [[ ! -d $dir ]]; then
    log "nothing to stop ($dir does not exist)"
    exit 0
fi
STATE=$(state_dir "$dir")
lock_state

# All hosts at once: stopping one host does not depend on the other.
jobs=()
for n in "${ALL_HOSTS[@]}"; do
    stop_host "$n" &
    jobs+=($!)
done
wait "${jobs[@]}" || true # the check below tells whether it worked

# Verify: nothing of ours may remain.
left=
for n in "${ALL_HOSTS[@]}"; do
    left+="$(daemon_pid "$n") $(host_qemu_pids "$n") "
done
if [[ -n ${left// /} ]]; then
    log "ERROR: still running: $left"
    exit 1
fi
log "stopped ($STATE)"
