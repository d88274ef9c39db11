#!/usr/bin/env bash
# Takes a real DHCP lease from host N's network "lvps" (start.sh) for a MAC address, as a guest with
# that MAC would: a veth pair whose one end is on the network's bridge and whose other end, carrying
# the MAC, sits in a network namespace of its own where dhcp-client.py asks dnsmasq. Prints the address.
# The lease then shows in net-dhcp-leases (Get-VMNetworkDhcpLease, Get-VMDomainIPAddress -Source Lease).
# Usage: tests/hosts/lease.sh STATE_DIR N MAC [HOSTNAME]
#        tests/hosts/lease.sh STATE_DIR N --release MAC   (removes that MAC's veth; the lease stays until expiry)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"
die() { echo "lease.sh: ERROR: $*" >&2; exit 1; }

(($# >= 3)) || die "usage: lease.sh STATE_DIR N MAC [HOSTNAME]"
[[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces)"
STATE=$(state_dir "$1")
n=$2
shift 2
release=
if [[ $1 == --release ]]; then release=1; shift; fi
mac=${1,,}
[[ $mac =~ ^([0-9a-f]{2}:){5}[0-9a-f]{2}$ ]] || die "not a MAC address: $1"
br=$(host_bridge "$n")
ns=$(host_netns "$n")
# Interface names fit in 15 characters: the MAC's last three bytes name the pair.
tag=${mac//:/}
tag=${tag:6}
outer=lvo$tag
inner=lvi$tag

if [[ -n $release ]]; then
    ip link del "$outer" 2>/dev/null || true
    exit 0
fi
ip link show "$br" >/dev/null 2>&1 || die "bridge $br of host$n's network is not up (start.sh)"
ip netns list | grep -qw "$ns" || { ip netns add "$ns"; ip -n "$ns" link set lo up; }
if ! ip -n "$ns" link show "$inner" >/dev/null 2>&1; then
    ip link del "$outer" 2>/dev/null || true
    ip link add "$outer" type veth peer name "$inner"
    ip link set "$inner" netns "$ns"
    ip link set "$outer" master "$br" up
    ip -n "$ns" link set "$inner" address "$mac" up
fi
timeout 30 ip netns exec "$ns" /usr/bin/python3 "$HERE/dhcp-client.py" "$inner" "$mac" ${2:+"$2"}
