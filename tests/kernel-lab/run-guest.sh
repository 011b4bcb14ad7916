#!/usr/bin/env bash
# Boots the guest under QEMU's software emulation (TCG) with an SR-IOV capable igb NIC and a 9p
# share, and waits for it to power off.
#   run-guest.sh [--shell] INITRAMFS SHARE_DIR CONSOLE_LOG [TIMEOUT_SECONDS]
# --shell: the console stays on this terminal and the guest starts a shell instead of the scenarios.
# SHARE_DIR appears in the guest as /lab; the guest's /init runs /lab/run-scenarios.sh.
# The whole console (kernel messages, scenario output) goes to CONSOLE_LOG.
# Exit status: QEMU's, or 124 when the guest did not finish within TIMEOUT_SECONDS (default 300).
set -euo pipefail
. "$(dirname "$0")/common.sh"
shell=0
if [ "${1:-}" = --shell ]; then shell=1; shift; fi
[ $# -ge 3 ] || kl_die "usage: run-guest.sh INITRAMFS SHARE_DIR CONSOLE_LOG [TIMEOUT_SECONDS]"
initramfs=$1 share=$2 console=$3 limit=${4:-300}
qroot="$KL_CACHE/qemu"
KL_KVER=$(kl_version kernel-release) || exit 1
kernel="$KL_CACHE/kernel/usr/lib/modules/$KL_KVER/vmlinuz"
[ -x "$qroot/usr/bin/qemu-system-x86_64" ] && [ -f "$kernel" ] || kl_die "packages missing in $KL_CACHE: run fetch-packages.sh"
[ -f "$initramfs" ] || kl_die "no initramfs at $initramfs"
[ -d "$share" ] || kl_die "no share folder at $share"

export LD_LIBRARY_PATH="$qroot/usr/lib/x86_64-linux-gnu:$qroot/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QEMU_MODULE_DIR="$qroot/usr/lib/x86_64-linux-gnu/qemu"
mkdir -p "$(dirname "$console")"
append="console=ttyS0 rdinit=/init panic=-1 loglevel=4 net.ifnames=0"
if [ $shell = 1 ]; then append="$append lab.shell=1"; fi
qemu=(timeout --foreground --kill-after=10 "$limit" "$qroot/usr/bin/qemu-system-x86_64" \
  -L "$qroot/usr/share/qemu" -L "$qroot/usr/share/seabios" -L "$qroot/usr/lib/ipxe/qemu" \
  -accel tcg,thread=multi -cpu max -M q35 -m 1024 -smp 2 \
  -nographic -no-reboot -serial stdio -monitor none -nodefaults \
  -kernel "$kernel" -initrd "$initramfs" \
  -append "$append" \
  -device pcie-root-port,id=rp0,slot=1 \
  -device igb,bus=rp0,netdev=n0,romfile= -netdev user,id=n0,restrict=on \
  -virtfs "local,path=$share,mount_tag=host0,security_model=none")
if [ $shell = 1 ]; then
  kl_log "booting the guest with a shell on this terminal; leave with: poweroff -f"
  exec "${qemu[@]}"
fi
kl_log "booting the guest (log: $console)"
set +e
"${qemu[@]}" </dev/null >"$console" 2>&1
rc=$?
set -e
[ $rc -eq 124 ] && kl_log "the guest did not finish within ${limit}s (see $console)"
exit $rc
