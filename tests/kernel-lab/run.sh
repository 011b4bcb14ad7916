#!/usr/bin/env bash
# The kernel lab, end to end: fetch the pinned packages (cached), publish the guest program
# (tests/Dragline.KernelLab.Guest, NativeAOT), build the initramfs, boot the guest, run the
# scenarios in it, and print one line per scenario.
#   run.sh [SCENARIO...]     SCENARIO: a file name under scenarios/ without .sh, e.g. 01-rdma-netns-mode
#   run.sh --shell           boot the same guest with a shell on this terminal instead (poweroff -f to leave)
# Results: $KL_OUT/share/results/NAME.{rc,log}; the kernel and QEMU that ran (resolved at run time, see
# packages.conf): $KL_OUT/share/results/versions.txt, also printed first; console: $KL_OUT/console.log.
# DRAGLINE_KERNEL_LAB_MANIFEST: the lab scenario's manifests (default examples/lab/seed-exclusive.yaml;
#   `dragline lab up --kernel -f` sets it). Runs on one output folder wait for each other (a lock).
# Exit status: 0 when the guest ran (whatever the scenarios said), 3 when the machine cannot run
# the lab (not root, no disk, no Debian archive in its apt configuration; reason on stderr), anything
# else for a harness failure (a package that cannot be resolved or downloaded is one).
set -euo pipefail
. "$(dirname "$0")/common.sh"
[ "${1:-}" = --shell ] || exec </dev/null

shell=0
if [ "${1:-}" = --shell ]; then shell=1; shift; fi
[ "$(id -u)" = 0 ] || { kl_log "needs root (apt-get, the package cache in $KL_CACHE)"; exit 3; }
for s in "$@"; do [ -f "$KL_DIR/scenarios/$s.sh" ] || kl_die "no scenario '$s': see $KL_DIR/scenarios/"; done
mkdir -p "$KL_OUT"
# One run at a time per output folder: a second (a test beside `dragline lab up --kernel`) waits.
exec 8>"$KL_OUT/.run.lock"
flock 8
free_kb=$(df -Pk "$(dirname "$KL_CACHE")" 2>/dev/null | awk 'NR == 2 { print $4 }' || echo 0)
if [ ! -d "$KL_CACHE/kernel" ] && [ "${free_kb:-0}" -lt 1048576 ]; then
  kl_log "needs 1 GiB free for the package cache in $KL_CACHE, found $((free_kb / 1024)) MiB"; exit 3
fi

# Results of an earlier run must not pass for this one's (versions.txt included) if this one stops early.
rm -rf "$KL_OUT/share/results"
rc=0; "$KL_DIR/fetch-packages.sh" || rc=$?
[ $rc -eq 0 ] || { [ $rc -eq 3 ] && exit 3; kl_die "fetching packages failed (exit $rc): see the error above"; }
kernel_release=$(kl_version kernel-release)
versions_line="kernel $kernel_release ($(awk '$1 == "kernel" && $2 ~ /^linux-binary-/ { print $2 " " $3 " from " $4 }' "$KL_VERSIONS")), QEMU $(kl_version qemu-version) ($(awk '$1 == "qemu" && $2 == "qemu-system-x86" { print "from " $4 }' "$KL_VERSIONS"))"
echo "versions: $versions_line"

# fd 8 (the lock) closed for dotnet: its build servers outlive the publish and would hold the lock.
"$KL_DIR/publish-guest.sh" "$KL_OUT/share/bin" 8>&-
initramfs=$("$KL_DIR/build-initramfs.sh")

share="$KL_OUT/share"
rm -rf "$share/scenarios" "$share/results" "$share/selected" "$share/lab" "$share/kernel-release"
mkdir -p "$share/scenarios" "$share/results" "$share/lab"
cp "${DRAGLINE_KERNEL_LAB_MANIFEST:-$KL_REPO/examples/lab/seed-exclusive.yaml}" "$share/lab/manifests.yaml"
cp "$KL_DIR/guest/run-scenarios.sh" "$KL_DIR/guest/lib.sh" "$share/"
cp "$KL_DIR"/scenarios/*.sh "$share/scenarios/"
chmod +x "$share/run-scenarios.sh"
cp "$KL_VERSIONS" "$share/results/versions.txt"
echo "$kernel_release" > "$share/kernel-release"
[ $# -eq 0 ] || printf '%s\n' "$@" > "$share/selected"
echo "${DRAGLINE_KERNEL_LAB_SCENARIO_TIMEOUT:-180}" > "$share/scenario-timeout"

console="$KL_OUT/console.log"
if [ $shell = 1 ]; then exec "$KL_DIR/run-guest.sh" --shell "$initramfs" "$share" "$console" 3600; fi
grc=0; "$KL_DIR/run-guest.sh" "$initramfs" "$share" "$console" "${DRAGLINE_KERNEL_LAB_TIMEOUT:-600}" || grc=$?
kl_log "console log: $console"
for rcfile in "$share"/results/*.rc; do
  [ -f "$rcfile" ] || continue
  name=$(basename "$rcfile" .rc)
  if [ "$(cat "$rcfile")" = 0 ]; then echo "$name: passed"; else echo "$name: FAILED (log: $share/results/$name.log)"; fi
done
[ $grc -eq 0 ] || kl_die "the guest run failed (exit $grc): see $console"
