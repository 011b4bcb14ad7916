#!/usr/bin/env bash
# Sums the <Counters> of every TRX file under a folder: prints "passed failed skipped".
set -euo pipefail
dir=$1
passed=0; failed=0; skipped=0
shopt -s nullglob globstar
for f in "$dir"/**/*.trx; do
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1) || continue
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get total) - $(get executed)))
done
echo "$passed $failed $skipped"
