# Shared settings of the kernel-lab harness; sourced by the other scripts.
# DRAGLINE_KERNEL_LAB_CACHE: where downloaded and unpacked packages live (outside the repository,
#   so clean clones reuse them). DRAGLINE_KERNEL_LAB_OUT: where the initramfs and logs go.
KL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KL_REPO=$(cd "$KL_DIR/../.." && pwd)
KL_CACHE=${DRAGLINE_KERNEL_LAB_CACHE:-/var/cache/dragline/kernel-lab}
KL_OUT=${DRAGLINE_KERNEL_LAB_OUT:-$KL_DIR/.out}
KL_KVER=7.3.4+deb13-amd64

kl_log() { printf 'kernel-lab: %s\n' "$*" >&2; }
kl_die() { printf 'kernel-lab: error: %s\n' "$*" >&2; exit 1; }
