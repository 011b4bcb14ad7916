# Shared settings of the kernel-lab harness; sourced by the other scripts.
# DRAGLINE_KERNEL_LAB_CACHE: where downloaded and unpacked packages live (outside the repository,
#   so clean clones reuse them). DRAGLINE_KERNEL_LAB_OUT: where the initramfs and logs go.
KL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KL_REPO=$(cd "$KL_DIR/../.." && pwd)
KL_CACHE=${DRAGLINE_KERNEL_LAB_CACHE:-/var/cache/dragline/kernel-lab}
KL_OUT=${DRAGLINE_KERNEL_LAB_OUT:-$KL_DIR/.out}
# What fetch-packages.sh resolved and unpacked (the newest kernel and QEMU of their suites, see packages.conf).
KL_VERSIONS="$KL_CACHE/versions.txt"

kl_version() { # KEY: the value of "KEY VALUE" in versions.txt (kernel-release, qemu-version)
  local v
  v=$(awk -v k="$1" '$1 == k { print $2; exit }' "$KL_VERSIONS" 2>/dev/null)
  [ -n "$v" ] || { printf 'kernel-lab: error: no %s in %s: run fetch-packages.sh\n' "$1" "$KL_VERSIONS" >&2; return 1; }
  echo "$v"
}

kl_log() { printf 'kernel-lab: %s\n' "$*" >&2; }
kl_die() { printf 'kernel-lab: error: %s\n' "$*" >&2; exit 1; }
