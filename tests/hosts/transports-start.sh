#!/usr/bin/env bash
# Starts the loopback endpoints for the remote transport tests (issue 6) and describes them in
# STATE_DIR/transports.env (read by build.ps1 like hosts.env):
#   - a libvirtd in its own mount + UTS namespace listening for TLS and plain TCP on 127.0.0.1
#     (auth none on both; the TLS side requires a client certificate signed by the test CA);
#   - certificates made with openssl: a CA, a server certificate for 127.0.0.1/localhost, a client
#     certificate, laid out as libvirt's pkipath folders; plus a second, untrusted CA;
#   - Debian's sshd on 127.0.0.1 in a mount namespace where /run/libvirt is the test daemon's socket
#     folder, so virt-ssh-helper and 'nc -U /run/libvirt/libvirt-sock' reach it; key auth for root
#     and a password user (lvps-ssh) for the in-process SSH client.
# Usage: tests/hosts/transports-start.sh [STATE_DIR]   (default /tmp/libvirt-ps-transports)
# Idempotent: stops what an earlier run left in STATE_DIR, then starts afresh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"
log() { echo "transports-start.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (mount namespaces, sshd, users)"
for cmd in libvirtd virsh unshare openssl virt-ssh-helper; do
    command -v "$cmd" >/dev/null || die "$cmd not found: run tests/hosts/setup.sh first"
done

# sshd and nc are not part of setup.sh's list: install them here when missing.
need=()
[[ -x /usr/sbin/sshd ]] || need+=(openssh-server)
command -v nc >/dev/null || need+=(netcat-openbsd)
command -v ssh >/dev/null || need+=(openssh-client)
if ((${#need[@]})); then
    log "installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi

mkdir -p "${1:-/tmp/libvirt-ps-transports}"
STATE=$(cd "${1:-/tmp/libvirt-ps-transports}" && pwd -P)
[[ $STATE =~ ^[A-Za-z0-9._/-]+$ ]] || die "STATE_DIR must contain only [A-Za-z0-9._/-]: $STATE"
((${#STATE} + 30 < 108)) || die "STATE_DIR path too long for a unix socket: $STATE"

bash "$HERE/transports-stop.sh" "$STATE" || true
rm -rf "$STATE"/{pki,daemon,ssh} "$STATE/transports.env"
mkdir -p "$STATE"/{pki,daemon,ssh}

# --- free loopback ports -------------------------------------------------------------------------
port_free() { ! timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
pick_port() { # pick_port FIRST: the first free port from FIRST on, not already picked
    local p
    for ((p = $1; p < $1 + 200; p++)); do
        [[ " ${PICKED:-} " == *" $p "* ]] && continue
        if port_free "$p"; then PICKED+=" $p"; echo "$p"; return 0; fi
    done
    die "no free port from $1"
}
PICKED=
TLS_PORT=$(pick_port 16614); PICKED+=" $TLS_PORT"
TCP_PORT=$(pick_port 16609); PICKED+=" $TCP_PORT"
SSH_PORT=$(pick_port 2222); PICKED+=" $SSH_PORT"

# --- certificates ----------------------------------------------------------------------------------
PKI=$STATE/pki
make_ca() { # make_ca NAME SUBJECT
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "$2" \
        -keyout "$PKI/$1-key.pem" -out "$PKI/$1-cert.pem" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}
make_leaf() { # make_leaf NAME CA SUBJECT EXTFILE-CONTENT
    openssl req -newkey rsa:2048 -nodes -subj "$3" -keyout "$PKI/$1-key.pem" -out "$PKI/$1.csr" 2>/dev/null
    printf '%s\n' "$4" >"$PKI/$1.ext"
    openssl x509 -req -in "$PKI/$1.csr" -CA "$PKI/$2-cert.pem" -CAkey "$PKI/$2-key.pem" -CAcreateserial \
        -days 30 -extfile "$PKI/$1.ext" -out "$PKI/$1-cert.pem" 2>/dev/null
}
make_ca ca "/O=libvirt-ps tests/CN=libvirt-ps test CA"
make_ca rogue "/O=libvirt-ps tests/CN=libvirt-ps untrusted CA"
make_leaf server ca "/O=libvirt-ps tests/CN=127.0.0.1" \
    "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost"
make_leaf client ca "/O=libvirt-ps tests/CN=libvirt-ps client" \
    "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
# The same client key in PKCS#1 ("BEGIN RSA PRIVATE KEY"), the format certtool/older openssl write.
openssl rsa -in "$PKI/client-key.pem" -traditional -out "$PKI/client-key.pkcs1.pem" 2>/dev/null

# pkipath folders as libvirt's client reads them: cacert.pem, clientcert.pem, clientkey.pem.
mkdir -p "$PKI/client" "$PKI/client-pkcs1" "$PKI/untrusted" "$PKI/nokey"
for d in client client-pkcs1 untrusted nokey; do cp "$PKI/client-cert.pem" "$PKI/$d/clientcert.pem"; done
cp "$PKI/ca-cert.pem" "$PKI/client/cacert.pem"
cp "$PKI/ca-cert.pem" "$PKI/client-pkcs1/cacert.pem"
cp "$PKI/ca-cert.pem" "$PKI/nokey/cacert.pem"
cp "$PKI/rogue-cert.pem" "$PKI/untrusted/cacert.pem" # the server's CA is not this one
cp "$PKI/client-key.pem" "$PKI/client/clientkey.pem"
cp "$PKI/client-key.pkcs1.pem" "$PKI/client-pkcs1/clientkey.pem"
cp "$PKI/client-key.pem" "$PKI/untrusted/clientkey.pem"
chmod 600 "$PKI"/*-key.pem "$PKI"/*/clientkey.pem

# --- libvirtd with TLS and TCP ------------------------------------------------------------------------
D=$STATE/daemon
mkdir -p "$D"/{run,lib,etc,cache,log}
cp -a /etc/libvirt/. "$D/etc/"
cat >"$D/libvirtd.conf" <<EOF
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0777"
auth_unix_ro = "none"
auth_unix_rw = "none"
listen_tls = 1
listen_tcp = 1
listen_addr = "127.0.0.1"
tls_port = "$TLS_PORT"
tcp_port = "$TCP_PORT"
auth_tls = "none"
auth_tcp = "none"
key_file = "$PKI/server-key.pem"
cert_file = "$PKI/server-cert.pem"
ca_file = "$PKI/ca-cert.pem"
log_outputs = "3:file:$D/libvirtd.log"
EOF
# Same isolation as start.sh: own mount and UTS namespace, state folders bind-mounted over the
# system ones. unix_sock_dir stays the default /run/libvirt, which is $D/run seen from outside.
launch_libvirtd "$D" transports --listen
SOCK=$D/run/libvirt-sock

# --- sshd ------------------------------------------------------------------------------------------
S=$STATE/ssh
mkdir -p "$S/authorized_keys" /run/sshd
ssh-keygen -q -t ed25519 -N '' -C 'libvirt-ps transports host key' -f "$S/host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C 'libvirt-ps transports root key' -f "$S/root_id_ed25519"
ssh-keygen -q -t ed25519 -N '' -C 'libvirt-ps transports other key' -f "$S/other_id_ed25519" # not authorized
cp "$S/root_id_ed25519.pub" "$S/authorized_keys/root"
SSH_USER=lvps-ssh
if ! getent passwd "$SSH_USER" >/dev/null; then
    useradd -M -d /nonexistent -s /bin/sh "$SSH_USER"
fi
SSH_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$SSH_USER:$SSH_PASSWORD" | chpasswd
umask 077
printf '%s' "$SSH_PASSWORD" >"$S/password"
umask 022
cat >"$S/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $SSH_PORT
HostKey $S/host_ed25519_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys/%u
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
AllowUsers root $SSH_USER
X11Forwarding no
AllowTcpForwarding no
AllowStreamLocalForwarding no
Subsystem sftp internal-sftp
Match User $SSH_USER
    PasswordAuthentication yes
EOF
/usr/sbin/sshd -t -f "$S/sshd_config" || die "sshd_config rejected"
# A namespace where /run/libvirt is the test daemon's socket folder: a login's virt-ssh-helper or
# nc -U /run/libvirt/libvirt-sock then reaches the test daemon, as on a real remote host.
# shellcheck disable=SC2016
setsid unshare --mount sh -c '
    set -e
    mount --make-rprivate /
    mount --bind "$1" /run/libvirt
    exec /usr/sbin/sshd -D -e -f "$2"' \
    sh "$D/run" "$S/sshd_config" </dev/null >"$S/sshd.out" 2>&1 9>&- &
echo $! >"$S/launcher.pid"

# known_hosts for the test endpoint, and an ssh_config alias that uses it: only the alias
# 'libvirt-ps-sshtest' trusts the key, so 127.0.0.1:PORT stays an unknown host for plain ssh.
HOSTKEY=$(cut -d' ' -f1-2 "$S/host_ed25519_key.pub")
printf '[127.0.0.1]:%s %s\n[libvirt-ps-sshtest]:%s %s\n' "$SSH_PORT" "$HOSTKEY" "$SSH_PORT" "$HOSTKEY" >"$S/known_hosts"
mkdir -p /etc/ssh/ssh_config.d
cat >/etc/ssh/ssh_config.d/libvirt-ps-transports.conf <<EOF
# Written by libvirt-ps tests/hosts/transports-start.sh; removed by transports-stop.sh.
Host libvirt-ps-sshtest
    HostName 127.0.0.1
    HostKeyAlias [libvirt-ps-sshtest]:$SSH_PORT
    UserKnownHostsFile $S/known_hosts
    GlobalKnownHostsFile /dev/null
EOF

# --- wait for both -----------------------------------------------------------------------------------
deadline=$((SECONDS + ${START_TIMEOUT:-40}))
until [[ -S $SOCK ]] && ! port_free "$TLS_PORT" && ! port_free "$TCP_PORT" &&
    timeout 10 virsh -q -c "test+unix:///default?socket=$SOCK" list --all >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { tail -n 20 "$D/daemon.out" "$D/libvirtd.log" >&2 || true; die "libvirtd did not come up"; }
    sleep 0.5
done
until ! port_free "$SSH_PORT"; do
    ((SECONDS < deadline)) || { tail -n 20 "$S/sshd.out" >&2 || true; die "sshd did not come up"; }
    sleep 0.2
done
# Prove the endpoints with libvirt's own client before handing them to the tests.
timeout 20 virsh -q -c "test+tls://127.0.0.1:$TLS_PORT/default?pkipath=$PKI/client" list --all >/dev/null ||
    die "virsh cannot reach the TLS endpoint"
timeout 20 virsh -q -c "test+tcp://127.0.0.1:$TCP_PORT/default" list --all >/dev/null ||
    die "virsh cannot reach the TCP endpoint"
timeout 20 virsh -q -c "test+ssh://root@libvirt-ps-sshtest:$SSH_PORT/default?keyfile=$S/root_id_ed25519&no_tty=1" list --all >/dev/null ||
    die "virsh cannot reach the test daemon over ssh"
log "libvirtd (tls $TLS_PORT, tcp $TCP_PORT) and sshd ($SSH_PORT) ready"

VARS=(
    LIBVIRT_PS_TRANSPORTS_DIR "$STATE"
    LIBVIRT_PS_TLS_PORT "$TLS_PORT"
    LIBVIRT_PS_TCP_PORT "$TCP_PORT"
    LIBVIRT_PS_TRANSPORTS_SOCK "$SOCK"
    LIBVIRT_PS_PKI_CLIENT "$PKI/client"
    LIBVIRT_PS_PKI_CLIENT_PKCS1 "$PKI/client-pkcs1"
    LIBVIRT_PS_PKI_UNTRUSTED "$PKI/untrusted"
    LIBVIRT_PS_PKI_NOKEY "$PKI/nokey"
    LIBVIRT_PS_SSH_PORT "$SSH_PORT"
    LIBVIRT_PS_SSH_ALIAS libvirt-ps-sshtest
    LIBVIRT_PS_SSH_KEY "$S/root_id_ed25519"
    LIBVIRT_PS_SSH_OTHER_KEY "$S/other_id_ed25519"
    LIBVIRT_PS_SSH_KNOWN_HOSTS "$S/known_hosts"
    LIBVIRT_PS_SSH_USER "$SSH_USER"
    LIBVIRT_PS_SSH_PASSWORD_FILE "$S/password"
)
{
    for ((i = 0; i < ${#VARS[@]}; i += 2)); do printf "export %s='%s'\n" "${VARS[i]}" "${VARS[i + 1]}"; done
} >"$STATE/transports.env.tmp"
mv "$STATE/transports.env.tmp" "$STATE/transports.env"
log "source $STATE/transports.env"
