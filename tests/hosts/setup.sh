#!/usr/bin/env bash
# Installs and configures libvirt + QEMU so that tests/hosts/start.sh can run real
# libvirtd instances on this machine (Debian 12, root, no KVM, no systemd).
# Safe to run again: it only installs or changes what is missing.
set -euo pipefail

log() { echo "setup.sh: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
    log "must run as root (installs packages, creates users, edits /etc/libvirt)"
    exit 1
fi

# mono-devel: the net472 harness (tests/Net472) runs the Engine and drivers under mono, a .NET Framework
# profile like Windows PowerShell 5.1's; mono-runtime alone lacks the netstandard.dll facade they need.
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86
          libvirt-dev python3-libvirt openssl
          dnsmasq-base iptables  # the hosts' libvirt network (start.sh): DHCP and its firewall rules
          qemu-utils             # qemu-img: the storage driver makes qcow2 volumes with it
          mono-devel)            # the net472 harness, see above

missing=()
for p in "${PACKAGES[@]}"; do
    # dpkg-query prints "install ok installed" only for fully installed packages.
    if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Other sessions on this machine may hold the dpkg lock: wait for it instead of failing.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
else
    log "packages already installed"
fi

# The QEMU driver refuses to load without user libvirt-qemu and group kvm; they normally come
# from libvirt-daemon-system, which we skip because it wants systemd.
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
if ! getent passwd libvirt-qemu >/dev/null; then
    useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
fi

# qemu.conf: run QEMU as root with no cgroups, security labels or virtlogd (none work here).
bash "$(dirname "${BASH_SOURCE[0]}")/qemu-conf.sh" /etc/libvirt/qemu.conf

# start.sh bind-mounts per-host folders over these, so the mount points must exist.
mkdir -p /run/libvirt /var/lib/libvirt /var/cache/libvirt

log "done ($(libvirtd --version 2>/dev/null || echo 'libvirtd missing?'))"
