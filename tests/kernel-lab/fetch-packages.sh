#!/usr/bin/env bash
# Fetches the pinned Debian packages of packages.conf through apt with a private configuration
# (the machine's own apt sources and state stay untouched) and unpacks them into the cache:
#   $KL_CACHE/kernel  the guest kernel and its modules
#   $KL_CACHE/qemu    QEMU with SR-IOV capable igb, plus the host libraries it needs that are missing
#   $KL_CACHE/guest   the guest userland (iproute2, rdma-core libraries, perftest)
# The archive's URI comes from the machine's apt configuration. A second run with a complete
# cache does nothing. Exit status 3 means the packages cannot be fetched (no archive, no network).
set -euo pipefail
. "$(dirname "$0")/common.sh"

conf="$KL_DIR/packages.conf"
stamp="$KL_CACHE/.fetched-$(sha256sum "$conf" | cut -c1-16)"
if [ -f "$stamp" ]; then exit 0; fi

mkdir -p "$KL_CACHE"
exec 9>"$KL_CACHE/.lock"
flock 9
if [ -f "$stamp" ]; then exit 0; fi

# The Debian archive the machine already uses: deb822 sources first, then one-line sources.
archive_uri() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '
      /^[[:space:]]*$/ { if (u != "" && d) { print u; exit } u = ""; d = 0; next }
      /^URIs:/ { u = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i ~ /^(bookworm|trixie|stable|oldstable)$/) d = 1 }
      END { if (u != "" && d) print u }' "$f" | head -1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { if ($(i + 1) ~ /^(bookworm|trixie|stable|oldstable)$/) { print $i; exit } break } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
}
uri=$(archive_uri)
if [ -z "$uri" ]; then
  kl_log "no Debian archive found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list: add one, or fill $KL_CACHE by hand"
  exit 3
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { kl_log "missing $keyring: install debian-archive-keyring"; exit 3; }

apt_dir="$KL_CACHE/apt"
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$KL_CACHE/debs"
{
  for suite in $(awk '!/^#/ && NF { print $2 }' "$conf" | sort -u); do
    echo "deb [signed-by=$keyring] $uri $suite main"
  done
} > "$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "Debug::NoLocking=1"
  -o "APT::Get::List-Cleanup=0"
  -o "Acquire::Retries=3"
  -o "APT::Sandbox::User=root"
)
kl_log "updating the private package lists from $uri"
if ! apt-get "${apt_opts[@]}" -qq update; then
  kl_log "apt-get update failed for $uri (suites: $(awk '!/^#/ && NF { print $2 }' "$conf" | sort -u | tr '\n' ' '))"
  exit 3
fi

role_pkgs() { awk -v r="$1" '!/^#/ && $1 == r { print $3 }' "$conf"; }

# QEMU: the pinned packages plus whatever libraries this machine lacks for them.
mapfile -t qemu_pkgs < <(role_pkgs qemu)
mapfile -t qemu_closure < <(apt-get "${apt_opts[@]}" -s --no-install-recommends install "${qemu_pkgs[@]}" 2>/dev/null \
  | awk '$1 == "Inst" { v = $3; gsub(/[()]/, "", v); print $2 "=" v }')
[ ${#qemu_closure[@]} -gt 0 ] || { kl_log "apt cannot resolve ${qemu_pkgs[*]}"; exit 3; }

download() { # ROLE PKG=VER...
  local role=$1; shift
  mkdir -p "$KL_CACHE/debs/$role"
  (cd "$KL_CACHE/debs/$role" && apt-get "${apt_opts[@]}" -qq download "$@") \
    || { kl_log "apt-get download failed for: $*"; exit 3; }
}
kl_log "downloading ${#qemu_closure[@]} QEMU packages, the kernel and the guest userland (about 150 MB)"
mapfile -t kernel_pkgs < <(role_pkgs kernel)
mapfile -t guest_pkgs < <(role_pkgs guest)
download kernel "${kernel_pkgs[@]}"
download qemu "${qemu_closure[@]}"
download guest "${guest_pkgs[@]}"

for role in kernel qemu guest; do
  rm -rf "$KL_CACHE/$role.new"
  mkdir -p "$KL_CACHE/$role.new"
  for deb in "$KL_CACHE/debs/$role"/*.deb; do
    dpkg-deb -x "$deb" "$KL_CACHE/$role.new"
  done
  rm -rf "$KL_CACHE/$role"
  mv "$KL_CACHE/$role.new" "$KL_CACHE/$role"
done
[ -f "$KL_CACHE/kernel/usr/lib/modules/$KL_KVER/vmlinuz" ] || { kl_log "kernel package has no usr/lib/modules/$KL_KVER/vmlinuz"; exit 3; }
# The package ships no modules.dep (dpkg's trigger makes it on install): make it here.
depmod -b "$KL_CACHE/kernel/usr" "$KL_KVER" 2>/dev/null || { kl_log "depmod failed for $KL_KVER"; exit 3; }
[ -x "$KL_CACHE/qemu/usr/bin/qemu-system-x86_64" ] || { kl_log "QEMU package has no qemu-system-x86_64"; exit 3; }
rm -f "$KL_CACHE"/.fetched-*
touch "$stamp"
kl_log "packages ready in $KL_CACHE"
