#!/usr/bin/env bash
# Sums the <Counters> of every TRX file under a folder and lists every skipped test with its reason.
#   trx-summary.sh [--ci] DIR
# Prints the list of skipped tests (if any), then, as its last line, "passed failed skipped".
# --ci (./test.sh passes it when it runs as root with CI=true): a skip is accepted only when its reason
# says what the machine's kernel truly lacks (or has, for a test of a host without a feature): a reason
# that starts with "kernel lacks: " or "kernel has: " (tests/Dragline.Testing/KernelSkip.cs). Any other
# skip (not root, a missing package, no QEMU, no published artifacts: what this machine can provide) is
# counted as a failure.
set -euo pipefail
ci=0
if [ "${1:-}" = --ci ]; then ci=1; shift; fi
dir=$1
kernel_reason='^kernel (lacks|has): '
passed=0; failed=0; skipped=0
shopt -s nullglob globstar
files=("$dir"/**/*.trx)
for f in "${files[@]}"; do
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1) || continue
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get total) - $(get executed)))
done

# Every skipped test: "NAME<TAB>REASON" (the first line of its message), in name order.
list_skips() {
  [ ${#files[@]} -gt 0 ] || return 0
  awk '
    function attr(s, name,   m) { if (match(s, " " name "=\"[^\"]*\"")) { m = substr(s, RSTART, RLENGTH); sub("^ " name "=\"", "", m); return substr(m, 1, length(m) - 1) } return "" }
    function decode(s) { gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&#xD;|&#xA;/, " ", s); gsub(/&amp;/, "\\&", s); return s }
    function emit() { if (name != "") { r = reason; gsub(/^[ \t]+|[ \t\r]+$/, "", r); print decode(name) "\t" (r == "" ? "(no reason given)" : decode(r)) } name = ""; reason = ""; inmsg = 0 }
    /<UnitTestResult / { emit(); if (attr($0, "outcome") == "NotExecuted") { name = attr($0, "testName"); if ($0 ~ /\/>[ \t\r]*$/) emit() } next }
    name != "" && /<\/UnitTestResult>/ { emit(); next }
    name != "" && reason == "" && /<Message>/ { t = $0; sub(/.*<Message>/, "", t); if (t ~ /<\/Message>/) sub(/<\/Message>.*/, "", t); reason = t; next }
  ' "${files[@]}" | sort
}

ci_failed=0
skips=$(list_skips)
if [ -n "$skips" ]; then
  echo "skipped tests:"
  while IFS=$'\t' read -r name reason; do
    if [ $ci = 1 ] && ! [[ $reason =~ $kernel_reason ]]; then
      echo "  FAILED (a skip under CI=true for a reason this machine can provide) $name: $reason"
      ci_failed=$((ci_failed + 1))
    else
      echo "  $name: $reason"
    fi
  done <<<"$skips"
fi
echo "$passed $((failed + ci_failed)) $((skipped - ci_failed))"
