#!/usr/bin/env bash
# Resolves, fetches and unpacks the kernel lab's Debian packages (packages.conf) through apt with a
# private configuration (the machine's own apt sources and state stay untouched):
#   $KL_CACHE/kernel        the guest kernel and its modules
#   $KL_CACHE/qemu          QEMU with the SR-IOV capable igb NIC, plus the host libraries it lacks
#   $KL_CACHE/guest         the guest userland (iproute2, rdma-core libraries, perftest)
#   $KL_CACHE/versions.txt  what was resolved and unpacked: "ROLE PACKAGE VERSION SUITE" lines,
#                           after "kernel-release R" and "qemu-version V"
# Nothing is pinned: every run refreshes the private package lists and takes each package at the
# newest version its suite offers (the kernel: the newest linux-binary-N.*-amd64 of the major version
# packages.conf asks for). When that resolves to what the cache already holds, nothing is fetched.
# The archive's URI comes from the machine's apt configuration.
# Exit status: 0 ready; 3 this machine has no Debian archive or keyring to fetch from (reason on
# stderr); 1 a failure (apt-get update or a download failed, a package is missing from its suite, the
# kernel or QEMU is not what the lab needs), naming the package and quoting apt's error.
set -euo pipefail
. "$(dirname "$0")/common.sh"

conf="$KL_DIR/packages.conf"
mkdir -p "$KL_CACHE"
exec 9>"$KL_CACHE/.lock"
flock 9

fail() { kl_die "$@"; }

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
suites=$(awk '!/^#/ && NF { print $2 }' "$conf" | sort -u)
for suite in $suites; do echo "deb [signed-by=$keyring] $uri $suite main"; done > "$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  # apt's binary cache of the lists (machine images often switch it off): each query is then instant.
  -o "Dir::Cache::pkgcache=pkgcache.bin"
  -o "Dir::Cache::srcpkgcache=srcpkgcache.bin"
  -o "Debug::NoLocking=1"
  -o "APT::Get::List-Cleanup=0"
  -o "Acquire::Retries=3"
  -o "APT::Sandbox::User=root"
)
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
apt_errors() { grep -E '^(E|W|Err):' "$errors" | tr '\n' ' ' | cut -c1-1500; }

kl_log "updating the private package lists from $uri ($(echo $suites))"
apt-get "${apt_opts[@]}" -qq --error-on=any update 2>"$errors" >/dev/null \
  || fail "apt-get update failed for $uri (suites: $(echo $suites)): $(apt_errors)"

# "PACKAGE VERSION" for the newest version SUITE offers of each PACKAGE (nothing for a package it lacks).
newest_in_suite() { # SUITE PACKAGE...
  local suite=$1; shift
  declare -A best=()
  local p v
  while read -r p v; do
    if [ -z "${best[$p]:-}" ] || dpkg --compare-versions "$v" gt "${best[$p]}"; then best[$p]=$v; fi
  done < <(apt-cache "${apt_opts[@]}" madison "$@" 2>/dev/null \
    | awk -F'|' -v s="$suite" '{ gsub(/ /, "", $1); gsub(/ /, "", $2); split($3, w, " "); if (index(w[2], s "/") == 1) print $1, $2 }')
  for p in "${!best[@]}"; do echo "$p ${best[$p]}"; done
}

resolved=()   # "ROLE PACKAGE VERSION SUITE"
kernel_release='' qemu_version=''
while read -r role suite pkg minimum; do
  case "$role" in ''|\#*) continue;; esac
  case "$role:$pkg" in
    kernel:linux-binary-*.x)
      major=${pkg#linux-binary-}; major=${major%.x}
      mapfile -t names < <(apt-cache "${apt_opts[@]}" pkgnames "linux-binary-$major." 2>/dev/null \
        | grep -E "^linux-binary-$major\.[0-9]+(\.[0-9]+)*\+[a-z0-9]+-amd64$" | sort -u)
      [ ${#names[@]} -gt 0 ] || fail "no linux-binary-$major.*-amd64 package in the package lists ($suite)"
      best='' bestv=''
      while read -r p v; do
        if [ -z "$bestv" ] || dpkg --compare-versions "$v" gt "$bestv"; then best=$p bestv=$v; fi
      done < <(newest_in_suite "$suite" "${names[@]}")
      [ -n "$best" ] || fail "$suite offers no linux-binary-$major.*-amd64 (packages.conf wants the newest kernel $major.x from it)"
      kernel_release=${best#linux-binary-}
      modules=$(newest_in_suite "$suite" "linux-modules-$kernel_release" | awk '{ print $2 }')
      [ "$modules" = "$bestv" ] || fail "$suite offers $best $bestv but linux-modules-$kernel_release at '${modules:-no version}'"
      resolved+=("kernel $best $bestv $suite" "kernel linux-modules-$kernel_release $bestv $suite")
      ;;
    kernel:*) fail "packages.conf: a kernel line names linux-binary-N.x, not $pkg";;
    qemu:*|guest:*)
      read -r _ v < <(newest_in_suite "$suite" "$pkg") || v=''
      [ -n "$v" ] || fail "$suite offers no $pkg (packages.conf, role $role)"
      if [ -n "$minimum" ] && dpkg --compare-versions "$v" lt "$minimum"; then
        fail "the newest $pkg in $suite is $v, older than the $minimum the lab needs (packages.conf)"
      fi
      resolved+=("$role $pkg $v $suite")
      if [ "$pkg" = qemu-system-x86 ]; then qemu_version=$v; fi
      ;;
    *) fail "packages.conf: unknown role '$role'";;
  esac
done < "$conf"
[ -n "$kernel_release" ] || fail "packages.conf names no kernel"
[ -n "$qemu_version" ] || fail "packages.conf names no qemu-system-x86"

# QEMU's libraries that this machine lacks: what apt would install with the resolved QEMU packages.
mapfile -t qemu_wanted < <(printf '%s\n' "${resolved[@]}" | awk '$1 == "qemu" { print $2 "=" $3 }')
sim=$(apt-get "${apt_opts[@]}" -s --no-install-recommends install "${qemu_wanted[@]}" 2>"$errors") \
  || fail "apt cannot resolve the dependencies of ${qemu_wanted[*]}: $(apt_errors)"
while read -r p v; do
  printf '%s\n' "${resolved[@]}" | grep -q "^qemu $p " || resolved+=("qemu-lib $p $v -")
done < <(awk '$1 == "Inst" { if (match($0, /\([^ )]+/)) print $2, substr($0, RSTART + 1, RLENGTH - 1) }' <<<"$sim")

versions=$( { echo "kernel-release $kernel_release"; echo "qemu-version $qemu_version"; printf '%s\n' "${resolved[@]}"; } )
stamp="$KL_CACHE/.unpacked-$( { cat "$conf"; echo "$versions"; } | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$KL_CACHE/versions.txt" 2>/dev/null)" = "$versions" ]; then
  kl_log "packages unchanged (kernel $kernel_release, QEMU $qemu_version): using the cache $KL_CACHE"
  exit 0
fi

# Downloaded packages live in $KL_CACHE/debs/ROLE (QEMU's libraries with QEMU).
deb_of() { # ROLE PACKAGE VERSION: the .deb apt-get download left (any architecture)
  local f
  for f in "$KL_CACHE/debs/${1%-lib}/$2_${3//:/%3a}_"*.deb; do [ -f "$f" ] && { echo "$f"; return 0; }; done
  return 1
}
for role in kernel qemu guest; do
  mkdir -p "$KL_CACHE/debs/$role"
  mapfile -t missing < <(for line in "${resolved[@]}"; do
    read -r r p v _ <<<"$line"
    if [ "${r%-lib}" = "$role" ] && ! deb_of "$r" "$p" "$v" >/dev/null; then echo "$p=$v"; fi
  done)
  [ ${#missing[@]} -gt 0 ] || continue
  kl_log "downloading ${#missing[@]} $role package(s): ${missing[*]}"
  (cd "$KL_CACHE/debs/$role" && apt-get "${apt_opts[@]}" -qq download "${missing[@]}") 2>"$errors" >/dev/null || true
  failed=()
  for pv in "${missing[@]}"; do deb_of "$role" "${pv%%=*}" "${pv#*=}" >/dev/null || failed+=("$pv"); done
  [ ${#failed[@]} -eq 0 ] || fail "apt-get download failed for ${failed[*]}: $(apt_errors)"
done

declare -A keep=()
for role in kernel qemu guest; do
  rm -rf "$KL_CACHE/$role.new"
  mkdir -p "$KL_CACHE/$role.new"
done
for line in "${resolved[@]}"; do
  read -r role p v _ <<<"$line"
  deb=$(deb_of "$role" "$p" "$v")
  keep[$deb]=1
  dpkg-deb -x "$deb" "$KL_CACHE/${role%-lib}.new" || fail "dpkg-deb -x $deb failed"
done
# Packages of earlier resolutions are not needed any more.
for f in "$KL_CACHE/debs"/*/*.deb; do
  if [ -f "$f" ] && [ -z "${keep[$f]:-}" ]; then rm -f "$f"; fi
done

kdir="$KL_CACHE/kernel.new/usr/lib/modules/$kernel_release"
[ -f "$kdir/vmlinuz" ] || fail "linux-binary-$kernel_release has no usr/lib/modules/$kernel_release/vmlinuz"
# The package ships no modules.dep (dpkg's trigger makes it on install): make it here.
depmod -b "$KL_CACHE/kernel.new/usr" "$kernel_release" 2>"$errors" || fail "depmod failed for $kernel_release: $(cat "$errors")"
q="$KL_CACHE/qemu.new"
[ -x "$q/usr/bin/qemu-system-x86_64" ] || fail "qemu-system-x86 $qemu_version has no usr/bin/qemu-system-x86_64"
devices=$(LD_LIBRARY_PATH="$q/usr/lib/x86_64-linux-gnu:$q/lib/x86_64-linux-gnu" QEMU_MODULE_DIR="$q/usr/lib/x86_64-linux-gnu/qemu" \
  "$q/usr/bin/qemu-system-x86_64" -L "$q/usr/share/qemu" -L "$q/usr/share/seabios" -device help 2>&1) \
  || fail "qemu-system-x86_64 $qemu_version does not start on this machine: $(tail -3 <<<"$devices" | tr '\n' ' ')"
grep -q '"igb"' <<<"$devices" || fail "qemu-system-x86 $qemu_version has no igb device (SR-IOV): the lab needs QEMU 8.0 or newer"

rm -f "$KL_CACHE"/.unpacked-* "$KL_CACHE"/.fetched-*
for role in kernel qemu guest; do
  rm -rf "${KL_CACHE:?}/$role"
  mv "$KL_CACHE/$role.new" "$KL_CACHE/$role"
done
echo "$versions" > "$KL_CACHE/versions.txt"
touch "$stamp"
kl_log "packages ready in $KL_CACHE (kernel $kernel_release, QEMU $qemu_version)"
