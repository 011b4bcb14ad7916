# Sourced by every scenario (scenarios/*.sh) inside the guest.
# A scenario prints what it does and what it saw, and exits non-zero at the first check that fails.
set -uo pipefail
# Background processes (perftest servers) must not outlive their scenario: they would keep its
# namespaces alive, and the next netns mode switch would fail with EBUSY.
trap 'kill $(jobs -p) 2>/dev/null' EXIT
guest=dragline-lab-guest
step() { echo "== $*"; }
fail() { echo "FAIL: $*"; exit 1; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" = "$3" ]; then echo "ok: $1 = '$3'"; else fail "$1: expected '$2', got '$3'"; fi
}
# run CMD...: print the command and its output; fail when it fails.
run() {
  echo "\$ $*"
  local out rc
  out=$("$@" 2>&1); rc=$?
  [ -n "$out" ] && printf '%s\n' "$out"
  [ $rc -eq 0 ] || fail "'$*' exited $rc"
}
# capture VAR CMD...: like run, and keep the output in VAR.
capture() {
  local __var=$1 __out __rc; shift
  echo "\$ $*"
  __out=$("$@" 2>&1); __rc=$?
  [ -n "$__out" ] && printf '%s\n' "$__out"
  [ $__rc -eq 0 ] || fail "'$*' exited $__rc"
  printf -v "$__var" '%s' "$__out"
}
# The stock tools' view, used to check what our code did independently of our code.
rdma_links_in() { # NS|-  -> "rxe0 veth0" lines
  if [ "$1" = - ]; then rdma link show; else ip netns exec "$1" rdma link show; fi 2>/dev/null \
    | awk '{ split($2, a, "/"); dev = a[1]; nd = ""; for (i = 1; i <= NF; i++) if ($i == "netdev") nd = $(i + 1); print dev, nd }' | sort
}
# Removes every named namespace and waits until the kernel has finished tearing them down
# (the RDMA netns mode can change only when no other namespace exists).
clean_namespaces() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do ip netns delete "$ns"; done
}
# delete_rxe_links: remove every rxe device in the initial namespace.
delete_rxe_links() {
  local dev
  for dev in $(rdma link show 2>/dev/null | awk '{ split($2, a, "/"); print a[1] }'); do
    rdma link delete "$dev" 2>/dev/null
  done
}
# retry SECONDS CMD...: run CMD until it succeeds, at most SECONDS seconds.
retry() {
  local limit=$1 i=0; shift
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -ge $((limit * 2)) ] && return 1; sleep 0.5
  done
}
# fields KIND KEY...: from the guest program's "KIND key=value ..." lines on stdin, print the
# values of KEY... (space separated), one line per record of that kind.
fields() {
  local kind=$1; shift
  awk -v kind="$kind" -v keys="$*" '
    BEGIN { n = split(keys, k, " ") }
    $1 == kind {
      split("", v)
      for (i = 2; i <= NF; i++) { p = index($i, "="); v[substr($i, 1, p - 1)] = substr($i, p + 1) }
      line = ""
      for (j = 1; j <= n; j++) line = line (j > 1 ? " " : "") v[k[j]]
      print line
    }'
}
# set_mode MODE: switch the RDMA netns mode with our client, waiting for namespaces being torn
# down (the kernel answers EBUSY while any namespace but the initial one exists).
set_mode() {
  clean_namespaces
  local until=$((SECONDS + 30))
  while [ $SECONDS -lt $until ]; do
    "$guest" rdma-set-mode "$1" >/dev/null 2>&1 && break
    sleep 0.5
  done
  run "$guest" rdma-set-mode "$1"
}
# The igb PF: its PCI address and netdev.
igb_pf() { basename "$(dirname "$(grep -l 0x10c9 /sys/bus/pci/devices/*/device | head -1)")"; }
