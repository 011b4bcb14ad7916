# Scenario 7: the exclusive-mode lab of `dragline lab up --kernel` (the seed's step 7 in the guest).
# Our guest program (lab-up) reads the lab's manifests (/lab/lab/manifests.yaml: run.sh copies
# examples/lab/seed-exclusive.yaml, or the file `dragline lab up --kernel -f` gave), sets the RDMA
# netns mode to exclusive, builds a fabric bridge and two node namespaces, and wires each pod: its own
# netdev moved in from the node as eth0, its own rxe device moved in, an address from the pool by our
# IPAM engine. This script checks it with the stock tools and runs ib_read_lat between the two pods.
# Data for the host (docs/lab.md): lab-up.txt (the program's records), rdma-link-POD.txt (`rdma link`
# in each pod), rdma-link-initial.txt, rdma-system.txt, ping.txt, ib_read_lat.txt.
. "$LAB_LIB"
manifest=/lab/lab/manifests.yaml
say() { echo "== $*"; echo "kernel-lab: lab: $*" > /dev/console 2>/dev/null; true; }
[ -f "$manifest" ] || fail "no $manifest: run.sh copies the lab's manifests there"
delete_rxe_links
clean_namespaces
cleanup() {
  kill $(jobs -p) 2>/dev/null
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^dl-/ { print $1 }'); do ip netns delete "$ns"; done
  delete_rxe_links
}
trap cleanup EXIT

say "wiring the pods (RDMA netns mode exclusive, fabric, nodes, pods) with our code"
capture out "$guest" lab-up "$manifest" dl-
printf '%s\n' "$out" | grep '^lab-' > "$LAB_RESULTS/lab-up.txt"
# (no process substitution: the guest has no /dev/fd)
fields lab-pod netns rdma-device address < "$LAB_RESULTS/lab-up.txt" > /tmp/lab-pods.txt
pods=()
mapfile -t pods < /tmp/lab-pods.txt
[ ${#pods[@]} -ge 2 ] || fail "lab-up wired ${#pods[@]} pod(s); the lab needs two"
say "${#pods[@]} pods wired: $(fields lab-pod pod address rdma-device < "$LAB_RESULTS/lab-up.txt" | tr '\n' ';')"

step "the RDMA netns mode, as the stock tool reads it"
rdma system > "$LAB_RESULTS/rdma-system.txt" 2>&1
cat "$LAB_RESULTS/rdma-system.txt"
grep -q 'netns exclusive' "$LAB_RESULTS/rdma-system.txt" || fail "rdma system does not say 'netns exclusive'"

step "rdma link in each pod shows only its own device, over its eth0"
for p in "${pods[@]}"; do
  read -r ns dev addr <<< "$p"
  ip netns exec "$ns" rdma link show > "$LAB_RESULTS/rdma-link-$ns.txt" 2>&1
  echo "\$ ip netns exec $ns rdma link"; cat "$LAB_RESULTS/rdma-link-$ns.txt"
  expect_eq "rdma link in $ns" "$dev eth0" "$(rdma_links_in "$ns")"
done
rdma link show > "$LAB_RESULTS/rdma-link-initial.txt" 2>&1
for p in "${pods[@]}"; do
  read -r ns dev addr <<< "$p"
  grep -q "^link $dev/" "$LAB_RESULTS/rdma-link-initial.txt" && fail "the initial namespace still sees $dev"
done
echo "ok: the initial namespace sees none of the pods' devices"

step "every pod pings every other pod and the gateway"
: > "$LAB_RESULTS/ping.txt"
for p in "${pods[@]}"; do
  read -r ns dev addr <<< "$p"
  for q in "${pods[@]}"; do
    read -r ns2 dev2 addr2 <<< "$q"
    [ "$ns" = "$ns2" ] && continue
    if reply=$(ip netns exec "$ns" ping -c 1 -W 5 "${addr2%/*}" 2>&1); then
      echo "ping $ns ${addr2%/*} ok $(echo "$reply" | grep -o 'time=[0-9.]* ms' | tr ' ' '_')" >> "$LAB_RESULTS/ping.txt"
    else
      echo "ping $ns ${addr2%/*} failed" >> "$LAB_RESULTS/ping.txt"
    fi
  done
done
cat "$LAB_RESULTS/ping.txt"
grep -q ' failed$' "$LAB_RESULTS/ping.txt" && fail "a pod does not reach another"

# ib_read_lat from the first pod (client) to the second (server), as the seed's step 7; verbs over
# RoCE v2 GID index 1, connection data over TCP. A run whose clock measurement fails under emulation
# (no numeric table) is repeated, at most 3 times (see scenario 3).
read -r ns_a dev_a addr_a <<< "${pods[0]}"
read -r ns_b dev_b addr_b <<< "${pods[1]}"
lat_once() {
  ip netns exec "$ns_b" timeout 60 ib_read_lat -d "$dev_b" -x 1 -s 2 -n 200 > "$LAB_RESULTS/ib_read_lat.server.txt" 2>&1 &
  local server=$! rc=1 until=$((SECONDS + 30))
  while [ $SECONDS -lt $until ]; do
    sleep 1
    ip netns exec "$ns_a" timeout 60 ib_read_lat -d "$dev_a" -x 1 -s 2 -n 200 "${addr_b%/*}" > "$LAB_RESULTS/ib_read_lat.txt" 2>&1
    rc=$?
    grep -q "Couldn't connect" "$LAB_RESULTS/ib_read_lat.txt" || break
  done
  wait "$server"; local src=$?
  cat "$LAB_RESULTS/ib_read_lat.txt"
  echo "-- client exit $rc, server exit $src"
  [ $rc -eq 0 ] && [ $src -eq 0 ] || { echo "-- server:"; cat "$LAB_RESULTS/ib_read_lat.server.txt"; return 1; }
  awk '/#bytes/ { getline; for (i = 1; i <= NF; i++) if ($i !~ /^[0-9.]+$/) exit 1; found = 1 } END { exit !found }' "$LAB_RESULTS/ib_read_lat.txt"
}
for attempt in 1 2 3; do
  say "ib_read_lat $ns_a ($dev_a) -> $ns_b ($dev_b ${addr_b%/*}), attempt $attempt"
  if lat_once; then
    say "ib_read_lat: $(awk '/#bytes/ { getline; print "t_typical " $5 " us, t_avg " $6 " us" }' "$LAB_RESULTS/ib_read_lat.txt")"
    echo "$ns_a $dev_a $ns_b $dev_b ${addr_b%/*}" > "$LAB_RESULTS/ib_read_lat.pair"
    exit 0
  fi
done
fail "ib_read_lat did not complete with a result table in 3 attempts"
