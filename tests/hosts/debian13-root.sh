#!/usr/bin/env bash
# Builds (or reuses) a Debian 13 "trixie" root with libvirt 11.3 and QEMU 10.0, for the second libvirt
# version of the real-host tests (start.sh runs its libvirtd as host3 when the root is ready).
# Usage: tests/hosts/debian13-root.sh [ROOT]   (default /var/cache/libvirt-ps/debian13-root)
# About a minute on a new machine (debootstrap minbase, then apt-get inside); nothing when the root
# is ready. The mirror is the one this machine's own apt sources name, so no address lives here.
set -euo pipefail

log() { echo "debian13-root.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap, chroot)"
ROOT=${1:-/var/cache/libvirt-ps/debian13-root}
READY=$ROOT/.libvirt-ps-ready
# qemu-utils: qemu-img, which libvirt runs for internal snapshots of shut-off guests.
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils)

# Installs packages inside the root, with private /proc, /dev and /sys for the package scripts.
install_inside() {
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
    # shellcheck disable=SC2016 # expanded by the inner sh
    unshare --mount sh -c '
        set -e
        mount --make-rprivate /
        mount -t proc proc "$1/proc"
        mount --rbind /dev "$1/dev"
        mount --bind /sys "$1/sys"
        shift
        exec chroot "$0" env DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $*"
    ' "$ROOT" "$ROOT" "$@" >"$ROOT.apt.log" 2>&1 || { tail -n 20 "$ROOT.apt.log" >&2; die "apt-get inside the root failed"; }
}

if [[ -f $READY ]]; then
    # A root built before a package joined the list gets it added, not rebuilt.
    missing=()
    for p in "${PACKAGES[@]}"; do
        [[ $(chroot "$ROOT" dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
    done
    if ((${#missing[@]})); then
        log "adding ${missing[*]} to the ready root"
        install_inside "${missing[@]}"
    fi
    log "ready: $(cat "$READY") in $ROOT"
    exit 0
fi

if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends debootstrap ||
        { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
          apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends debootstrap; }
fi

# The first Debian archive this machine's apt uses (deb822 "URIs:" or one-line "deb URL suite").
mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' "$f"
    done | head -n 1
    awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true
}
MIRROR=$(mirror | head -n 1)
[[ -n $MIRROR ]] || die "no Debian mirror found in /etc/apt/sources.list{,.d}"

# A half-built root from an interrupted run is started again from scratch.
rm -rf "$ROOT"
mkdir -p "$ROOT"
log "debootstrap trixie (minbase) into $ROOT"
debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 ||
    { tail -n 20 "$ROOT.debootstrap.log" >&2; die "debootstrap failed"; }

log "installing ${PACKAGES[*]} inside"
install_inside "${PACKAGES[@]}"

# The same qemu.conf settings as setup.sh gives the Debian 12 hosts. The package made user libvirt-qemu
# and group kvm.
bash "$(dirname "${BASH_SOURCE[0]}")/qemu-conf.sh" "$ROOT/etc/libvirt/qemu.conf"
mkdir -p "$ROOT/run/libvirt" "$ROOT/var/lib/libvirt" "$ROOT/var/cache/libvirt" "$ROOT/var/log/libvirt" "$ROOT/run/libvirt-ps-sock"

versions="libvirt $(chroot "$ROOT" libvirtd --version | awk '{ print $NF }'), QEMU $(chroot "$ROOT" qemu-system-x86_64 --version | awk 'NR == 1 { print $4 }')"
echo "$versions" >"$READY"
log "ready: $versions in $ROOT"
