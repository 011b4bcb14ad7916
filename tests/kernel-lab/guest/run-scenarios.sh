#!/bin/bash
# Runs inside the guest (from /lab, the host's 9p share): every scenario in /lab/scenarios, or
# those named in /lab/selected, in name order. Each writes /lab/results/NAME.log (its output) and
# /lab/results/NAME.rc (its exit status; 0 = passed). Files it names under /lab/results/NAME.d/
# (perftest output and the like) are for the host to parse.
# The guest program runs from tmpfs: executing it from 9p pages it in over the share, seconds per run.
mkdir -p /tmp/lab-bin && cp /lab/bin/* /tmp/lab-bin/
export PATH=/tmp/lab-bin:/usr/sbin:/usr/bin:/sbin:/bin
export LAB_LIB=/lab/lib.sh
limit=$(cat /lab/scenario-timeout 2>/dev/null || echo 180)
mkdir -p /lab/results
for script in /lab/scenarios/*.sh; do
  name=$(basename "$script" .sh)
  if [ -s /lab/selected ] && ! grep -qx "$name" /lab/selected; then continue; fi
  echo "kernel-lab: scenario $name: start"
  mkdir -p "/lab/results/$name.d"
  start=$(date +%s)
  LAB_RESULTS="/lab/results/$name.d" timeout -s KILL "$limit" bash "$script" > "/lab/results/$name.log" 2>&1
  rc=$?
  [ $rc -eq 137 ] && echo "scenario killed after ${limit}s" >> "/lab/results/$name.log"
  echo "$rc" > "/lab/results/$name.rc"
  if [ $rc -eq 0 ]; then verdict=passed; else verdict="FAILED (exit $rc)"; fi
  echo "kernel-lab: scenario $name: $verdict in $(( $(date +%s) - start ))s"
  if [ $rc -ne 0 ]; then sed 's/^/  | /' "/lab/results/$name.log" | tail -40; fi
done
sync
