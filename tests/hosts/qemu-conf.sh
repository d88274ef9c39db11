#!/usr/bin/env bash
# Sets what QEMU needs to run on these machines in a qemu.conf: QEMU as root, no cgroups, security
# labels or virtlogd (none work without systemd here). Each key is replaced in place if set
# (commented-out defaults are left alone), else appended, so unrelated settings survive.
# Usage: tests/hosts/qemu-conf.sh QEMU_CONF   (setup.sh for this machine, debian13-root.sh for its root)
set -euo pipefail
QEMU_CONF=$1
mkdir -p "$(dirname "$QEMU_CONF")"
touch "$QEMU_CONF"
set_conf() { # set_conf KEY VALUE
    local key=$1 value=$2
    if grep -qE "^[[:space:]]*${key}[[:space:]]*=" "$QEMU_CONF"; then
        sed -i -E "s|^[[:space:]]*${key}[[:space:]]*=.*|${key} = ${value}|" "$QEMU_CONF"
    else
        printf '%s = %s\n' "$key" "$value" >>"$QEMU_CONF"
    fi
}
set_conf user '"root"'
set_conf group '"root"'
set_conf dynamic_ownership 0
set_conf remember_owner 0
set_conf security_driver '"none"'
set_conf cgroup_controllers '[ ]'
set_conf stdio_handler '"file"'
