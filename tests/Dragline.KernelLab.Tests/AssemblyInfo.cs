// The scenario run and `dragline lab up --kernel` both boot the guest through tests/kernel-lab/run.sh on one output
// folder; run.sh serialises them with a lock, and one test class at a time keeps one run from wiping the results
// another is still reading.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
