#!/usr/bin/env bash
# The test command. On a fresh Debian 12 machine, as root: installs the Debian packages the tests
# need (only the missing ones), restores, builds, runs every test tier this machine can run, and
# ends with one line "N passed, N failed, N skipped". Exits non-zero on any failure.
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

read -r passed failed skipped < <(scripts/trx-summary.sh "$results")
failed=$((failed + crashed))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
