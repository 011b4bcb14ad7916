#!/usr/bin/env bash
# The test command. On a fresh Debian 12 machine, as root: installs the Debian packages the tests
# need (only the missing ones), restores, builds, runs every test tier this machine can run, and
# ends with one line "N passed, N failed, N skipped", after a list of every skipped test with its
# reason. Exits non-zero on any failure.
# CI=true as root: a skip is accepted only for what this machine's kernel truly lacks (a reason that
# starts with "kernel lacks: " or "kernel has: ", tests/Dragline.Testing/KernelSkip.cs); a test that
# skips for anything this machine can provide (root, packages, QEMU, artifacts) counts as failed.
#
#   ./test.sh              every tier
#   ./test.sh TIER...      only those tiers: unit, integration, kernel-lab
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
all_tiers=(unit integration kernel-lab)
tiers=("$@"); [ ${#tiers[@]} -eq 0 ] && tiers=("${all_tiers[@]}")
for t in "${tiers[@]}"; do
  case " ${all_tiers[*]} " in *" $t "*) ;; *) echo "unknown tier '$t': use one of ${all_tiers[*]}" >&2; exit 2;; esac
done

log() { printf '\n== %s\n' "$*"; }

# 1. Debian packages (root only; without root the tiers that need them skip with a reason).
log "Debian packages"
scripts/install-packages.sh || { echo "0 passed, 1 failed"; exit 1; }

# 2. Build: the solution (tests included) and the published artifacts the integration tests run.
log "build"
if ! dotnet build Dragline.slnx -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi
if ! ./build.sh --full; then echo "publish failed"; echo "0 passed, 1 failed"; exit 1; fi

# 3. Tiers. Each test project belongs to one tier by its name.
results=$(mktemp -d /tmp/dragline-test.XXXXXX)
crashed=0
projects_of() {
  case $1 in
    unit) ls -d tests/*.Tests/ 2>/dev/null | grep -v -e IntegrationTests -e KernelLab ;;
    integration) ls -d tests/*.IntegrationTests/ 2>/dev/null ;;
    kernel-lab) ls -d tests/*KernelLab*.Tests/ 2>/dev/null ;;
  esac
}
for tier in "${tiers[@]}"; do
  for dir in $(projects_of "$tier"); do
    name=$(basename "$dir")
    log "$tier: $name"
    if ! dotnet test "$dir" -c Release --no-build --nologo -v quiet \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
        --results-directory "$results/$name" --blame-hang-timeout 15m 2>&1 | grep -E '^\s+(Failed|Skipped) |Error Message|^\s+at |Passed!|Failed!|Skipped!|Total tests' ; then
      :
    fi
    if [ ! -f "$results/$name/$name.trx" ]; then
      echo "$name: the test host produced no results (crashed?)"; crashed=$((crashed + 1))
    fi
  done
done

# Under CI as root every skip must be one the machine cannot help (scripts/trx-summary.sh --ci).
ci_flag=()
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ]; then ci_flag=(--ci); fi
for tier in "${tiers[@]}"; do
  [ "$tier" = kernel-lab ] || continue
  versions="${DRAGLINE_KERNEL_LAB_OUT:-tests/kernel-lab/.out}/share/results/versions.txt"
  if [ -f "$versions" ]; then
    echo
    echo "kernel lab ran: kernel $(awk '$1 == "kernel-release" { print $2 }' "$versions") ($(awk '$1 == "kernel" && $2 ~ /^linux-binary-/ { print $2 " " $3 " from " $4 }' "$versions")), QEMU $(awk '$1 == "qemu-version" { print $2 }' "$versions") ($(awk '$1 == "qemu" && $2 == "qemu-system-x86" { print "from " $4 }' "$versions"))"
  fi
done
summary=$(scripts/trx-summary.sh "${ci_flag[@]}" "$results") || { echo "scripts/trx-summary.sh failed"; summary="0 1 0"; }
skip_list=$(sed '$d' <<<"$summary")
if [ -n "$skip_list" ]; then echo; echo "$skip_list"; fi
read -r passed failed skipped <<<"$(tail -1 <<<"$summary")"
failed=$((failed + crashed))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
