#!/usr/bin/env bash
# Dragline IPAM benchmark against Debian's host-local (see bench/ipam/README.md).
#   sudo bench/ipam/run.sh            # as root; prints a result table and writes it to $OUT (default bench/ipam/last-run.md)
# Knobs (environment): RUNS (default 5), B_RUNS (runs of part b, default RUNS), PARALLEL (default 500), PREFILL (default 4000),
#   ETCD_COUNT (allocations per etcd run, default 2000), ARTIFACTS (default ./artifacts), OUT.
# Everything it creates (namespaces dlb-*, links inside them, the agent, etcd members, temp dirs) is removed on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-5}"
B_RUNS="${B_RUNS:-$RUNS}" PARALLEL="${PARALLEL:-500}" PREFILL="${PREFILL:-4000}" ETCD_COUNT="${ETCD_COUNT:-2000}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts}"
OUT="${OUT:-$ROOT/bench/ipam/last-run.md}"
export DRAGLINE_BUILD_SLOT="${DRAGLINE_BUILD_SLOT:-bench}" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

die() { echo "run.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it creates network namespaces and macvlan links)"
for f in /usr/lib/cni/macvlan /usr/lib/cni/host-local /usr/bin/etcd "$ARTIFACTS/bin/dragline" "$ARTIFACTS/cni/dragline-ipam"; do
  [ -e "$f" ] || die "missing $f (run ./build.sh for artifacts/; apt-get install containernetworking-plugins etcd-server)"
done

echo "building bench/ipam/Dragline.Bench ..." >&2
dotnet build "$ROOT/bench/ipam/Dragline.Bench/Dragline.Bench.csproj" -c Release --nologo -v quiet >/dev/null \
  || die "Dragline.Bench did not build (run: dotnet build bench/ipam/Dragline.Bench -c Release)"
BENCH="$ROOT/.build/$DRAGLINE_BUILD_SLOT/bin/Dragline.Bench/release/Dragline.Bench"

TMP="$(mktemp -d /tmp/dragline-bench.XXXXXX)"
TAG="dlb$$"
HOSTNS="$TAG-host"
AGENT_PID="" ETCD_PIDS=()
cleanup() {
  set +e
  [ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null
  for p in "${ETCD_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$TAG-"); do ip netns delete "$ns"; done
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# --- topology: a "host" namespace with a veth pair; v0 is the macvlan master. Containers are namespaces $TAG-cN.
ip netns add "$HOSTNS"
ip -n "$HOSTNS" link add v0 type veth peer name v1
ip -n "$HOSTNS" link set v0 up
ip -n "$HOSTNS" link set v1 up
ip -n "$HOSTNS" link set lo up
CONTAINERS=$(( PARALLEL > 1 ? PARALLEL : 1 ))
echo "creating $CONTAINERS container namespaces ..." >&2
for i in $(seq 0 $((CONTAINERS - 1))); do ip netns add "$TAG-c$i"; done

# --- CNI plugins and configurations (same macvlan main plugin, same range, only the IPAM differs)
mkdir -p "$TMP/cni" "$TMP/hl"
ln -s /usr/lib/cni/macvlan "$TMP/cni/macvlan"
ln -s /usr/lib/cni/host-local "$TMP/cni/host-local"
ln -s "$(readlink -f "$ARTIFACTS/cni/dragline-ipam")" "$TMP/cni/dragline-ipam"
SUBNET=10.200.0.0/16 START=10.200.0.10 END=10.200.255.250 GW=10.200.0.1
cat >"$TMP/hl.json" <<EOF
{"cniVersion":"1.0.0","name":"bench-hl","type":"macvlan","master":"v0","mode":"bridge",
 "ipam":{"type":"host-local","dataDir":"$TMP/hl","ranges":[[{"subnet":"$SUBNET","rangeStart":"$START","rangeEnd":"$END","gateway":"$GW"}]]}}
EOF
cat >"$TMP/dl.json" <<EOF
{"cniVersion":"1.0.0","name":"bench-dl","type":"macvlan","master":"v0","mode":"bridge",
 "ipam":{"type":"dragline-ipam","socket":"$TMP/agent.sock","default_ipv4_ippool":["bench"]}}
EOF
cat >"$TMP/pool.yaml" <<EOF
apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: bench
spec:
  subnet: $SUBNET
  gateway: $GW
  ips:
  - $START-$END
EOF
"$ARTIFACTS/bin/dragline" apply -f "$TMP/pool.yaml" --store "sqlite:$TMP/dl.db" >/dev/null

start_agent() {
  "$ARTIFACTS/bin/dragline" agent --node bench-node --store "sqlite:$TMP/dl.db" --socket "$TMP/agent.sock" 2>"$TMP/agent.log" &
  AGENT_PID=$!
  for _ in $(seq 1 200); do
    curl -sf --unix-socket "$TMP/agent.sock" http://agent/readyz >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$TMP/agent.log" >&2; die "the agent did not become ready"
}
stop_agent() { kill "$AGENT_PID"; wait "$AGENT_PID" || true; AGENT_PID=""; }

# cni CMD CONF ID : one plugin run inside the host namespace (the caller of this function is already there).
cni() {
  CNI_COMMAND="$1" CNI_CONTAINERID="$3" CNI_NETNS="/var/run/netns/$TAG-c${4:-0}" CNI_IFNAME=net1 CNI_PATH="$TMP/cni" \
    /usr/lib/cni/macvlan <"$2" >"$TMP/out.$3" 2>&1 || { echo "CNI $1 $3 ($2) failed: $(cat "$TMP/out.$3")" >&2; return 1; }
}
# pair_ms CONF : time one ADD+DEL (milliseconds, 3 decimals)
pair_ms() {
  local id="pair$RANDOM$RANDOM" t0 t1
  t0=$(date +%s%N); cni ADD "$1" "$id"; cni DEL "$1" "$id"; t1=$(date +%s%N)
  echo "scale=3; ($t1-$t0)/1000000" | bc
}
# burst_ms CONF : PARALLEL concurrent ADDs (wall ms), then their DELs (untimed)
burst_ms() {
  local t0 t1 i fail=0 pids=()
  t0=$(date +%s%N)
  for i in $(seq 0 $((PARALLEL - 1))); do cni ADD "$1" "b$i" "$i" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || fail=$((fail + 1)); done
  t1=$(date +%s%N)
  pids=()
  for i in $(seq 0 $((PARALLEL - 1))); do cni DEL "$1" "b$i" "$i" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || true; done
  echo "$(echo "scale=1; ($t1-$t0)/1000000" | bc) $fail"
}
export -f cni pair_ms burst_ms
export TMP TAG PARALLEL
in_host() { ip netns exec "$HOSTNS" bash -c "$*"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { echo "scale=3; $1/$2" | bc | sed 's/^\./0./'; }

start_agent
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- (a) one ADD+DEL with an empty store; runs alternate between the two so load drifts hit both alike
in_host "cni ADD $TMP/hl.json warm; cni DEL $TMP/hl.json warm; cni ADD $TMP/dl.json warm; cni DEL $TMP/dl.json warm"
: >"$TMP/a0.hl"; : >"$TMP/a0.dl"
for _ in $(seq 1 "$RUNS"); do
  in_host "pair_ms $TMP/hl.json" >>"$TMP/a0.hl"
  in_host "pair_ms $TMP/dl.json" >>"$TMP/a0.dl"
done
A0_HL=$(median <"$TMP/a0.hl"); A0_DL=$(median <"$TMP/a0.dl")
echo "(a) 0 allocations: host-local ${A0_HL} ms, dragline ${A0_DL} ms" >&2

# --- (b) PARALLEL concurrent ADDs (macvlan + IPAM), wall time
: >"$TMP/b.hl"; : >"$TMP/b.dl"; B_FAIL_HL=0; B_FAIL_DL=0
for _ in $(seq 1 "$B_RUNS"); do
  read -r ms f < <(in_host "burst_ms $TMP/hl.json"); echo "$ms" >>"$TMP/b.hl"; B_FAIL_HL=$((B_FAIL_HL + f))
  read -r ms f < <(in_host "burst_ms $TMP/dl.json"); echo "$ms" >>"$TMP/b.dl"; B_FAIL_DL=$((B_FAIL_DL + f))
done
B_HL=$(median <"$TMP/b.hl"); B_DL=$(median <"$TMP/b.dl")
echo "(b) $PARALLEL parallel ADDs: host-local ${B_HL} ms (failed $B_FAIL_HL), dragline ${B_DL} ms (failed $B_FAIL_DL)" >&2

# --- (a) again with PREFILL existing allocations in both stores.
# host-local: the files its disk store would hold after PREFILL ADDs (one per address, "<id>\r\n<ifname>"),
# plus last_reserved_ip.0 naming the last one, which is where PREFILL real ADDs would leave it.
python3 - "$TMP/hl/bench-hl" "$PREFILL" <<'EOF'
import ipaddress, os, sys
d, n = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
ip = ipaddress.IPv4Address("10.200.0.10")
for i in range(n):
    with open(os.path.join(d, str(ip + i)), "w") as f:
        f.write(f"prefill{i}\r\nnet1")
with open(os.path.join(d, "last_reserved_ip.0"), "w") as f:
    f.write(str(ip + n - 1))
EOF
# ours: the same number of allocations written by the engine into the agent's SQLite store.
stop_agent
"$BENCH" prefill --db "$TMP/dl.db" --pool bench --subnet "$SUBNET" --count "$PREFILL" --node bench-node >&2
start_agent
in_host "cni ADD $TMP/hl.json warm; cni DEL $TMP/hl.json warm; cni ADD $TMP/dl.json warm; cni DEL $TMP/dl.json warm"
: >"$TMP/a4.hl"; : >"$TMP/a4.dl"
for _ in $(seq 1 "$RUNS"); do
  in_host "pair_ms $TMP/hl.json" >>"$TMP/a4.hl"
  in_host "pair_ms $TMP/dl.json" >>"$TMP/a4.dl"
done
A4_HL=$(median <"$TMP/a4.hl"); A4_DL=$(median <"$TMP/a4.dl")
echo "(a) $PREFILL allocations: host-local ${A4_HL} ms, dragline ${A4_DL} ms" >&2
stop_agent

# --- (c) allocations per second inside one engine
C_LINES=()
for store in memory sqlite; do
  for subnet in 10.1.0.0/24 10.2.0.0/16 10.64.0.0/10 fd00:1::/64; do
    C_LINES+=("$("$BENCH" throughput --store "$store" --subnet "$subnet" --runs "$RUNS")")
    echo "${C_LINES[-1]}" >&2
  done
done

# --- (d) four engines on a 3-member etcd cluster on loopback
ports=($(python3 -c 'import socket
s=[socket.socket() for _ in range(6)]
[x.bind(("127.0.0.1",0)) for x in s]
print(" ".join(str(x.getsockname()[1]) for x in s))'))
cluster="m0=http://127.0.0.1:${ports[3]},m1=http://127.0.0.1:${ports[4]},m2=http://127.0.0.1:${ports[5]}"
endpoints=""
for i in 0 1 2; do
  /usr/bin/etcd --name "m$i" --data-dir "$TMP/etcd-m$i" \
    --listen-client-urls "http://127.0.0.1:${ports[$i]}" --advertise-client-urls "http://127.0.0.1:${ports[$i]}" \
    --listen-peer-urls "http://127.0.0.1:${ports[$((i + 3))]}" --initial-advertise-peer-urls "http://127.0.0.1:${ports[$((i + 3))]}" \
    --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "$TAG" --log-level error 2>"$TMP/etcd-m$i.log" &
  ETCD_PIDS+=($!)
  endpoints+="${endpoints:+,}http://127.0.0.1:${ports[$i]}"
done
for i in 0 1 2; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:${ports[$i]}/health" | grep -q '"health":"true"' && break; sleep 0.1; done
done
D_LINE="$("$BENCH" etcd --endpoints "$endpoints" --agents 4 --count "$ETCD_COUNT" --runs "$RUNS")"
echo "$D_LINE" >&2
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
ok() { if [ "$(echo "$1" | bc)" = 1 ]; then echo met; else echo "not met"; fi; }
R_A0=$(ratio "$A0_DL" "$A0_HL"); R_A4=$(ratio "$A4_DL" "$A4_HL"); R_B=$(ratio "$B_DL" "$B_HL")
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), RUNS=$RUNS (part b: $B_RUNS), nproc $(nproc), kernel $(uname -r), memory $(free -g | awk '/Mem:/{print $2}') GiB,"
  echo "load average (1/5/15 min) $LOAD_BEFORE at start, $LOAD_AFTER at end."
  echo
  echo "| part | host-local | dragline | ratio (dragline / host-local) | target | met |"
  echo "|---|---|---|---|---|---|"
  echo "| (a) ADD+DEL, 0 allocations (median ms) | $A0_HL | $A0_DL | $R_A0 | ≤ 1.25 | $(ok "$R_A0 <= 1.25") |"
  echo "| (a) ADD+DEL, $PREFILL allocations (median ms) | $A4_HL | $A4_DL | $R_A4 | ≤ 0.5 | $(ok "$R_A4 <= 0.5") |"
  echo "| (b) $PARALLEL parallel ADDs, wall (median ms) | $B_HL (failed $B_FAIL_HL) | $B_DL (failed $B_FAIL_DL) | $R_B | ≤ 0.5 | $(ok "$R_B <= 0.5") |"
  echo
  echo "| (c) store | subnet | allocations/s (median) | runs |"
  echo "|---|---|---|---|"
  for l in "${C_LINES[@]}"; do
    echo "| $(field "$l" store) | $(field "$l" subnet) | $(field "$l" median_allocs_per_s) | $(field "$l" runs) |"
  done
  echo
  echo "| (d) agents | allocations per run | allocations/s (median) | runs | failed | duplicate addresses |"
  echo "|---|---|---|---|---|---|"
  echo "| 4 | $(field "$D_LINE" count_per_run) | $(field "$D_LINE" median_allocs_per_s) | $(field "$D_LINE" runs) | $(field "$D_LINE" failures) | $(field "$D_LINE" duplicate_addresses) |"
} | tee "$OUT"
