#!/usr/bin/env bash
# Builds the guest's initramfs from the cached packages: busybox, bash, iproute2 (ip, rdma),
# the rdma-core libraries and the rxe provider, perftest, the kernel modules of modules.conf with
# their dependencies, the host's libc, and guest/init. Project binaries and scenarios are not in it:
# they reach the guest through a 9p share (run-guest.sh), so changing them needs no rebuild.
# Prints the path of the initramfs. Rebuilds only when an input changed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

KL_KVER=$(kl_version kernel-release) || exit 1
kroot="$KL_CACHE/kernel/usr/lib/modules/$KL_KVER"
groot="$KL_CACHE/guest"
[ -f "$kroot/modules.dep" ] && [ -d "$groot/usr" ] || kl_die "packages missing in $KL_CACHE: run fetch-packages.sh"
for tool in busybox cpio gzip xz; do command -v "$tool" >/dev/null || kl_die "$tool not found: install busybox-static, cpio, xz-utils"; done
busybox_bin=$(command -v busybox)
ldd "$busybox_bin" >/dev/null 2>&1 && kl_die "$busybox_bin is dynamically linked: install busybox-static"

mkdir -p "$KL_OUT"
key=$( { cat "$KL_DIR/build-initramfs.sh" "$KL_DIR/modules.conf" "$KL_DIR/guest/init" "$KL_DIR/packages.conf" "$KL_VERSIONS"; ls -l --time-style=+%s "$busybox_bin" /bin/bash; } | sha256sum | cut -c1-16)
image="$KL_OUT/initramfs-$key.cpio.gz"
if [ -f "$image" ]; then echo "$image"; exit 0; fi
rm -f "$KL_OUT"/initramfs-*.cpio.gz

stage=$(mktemp -d "$KL_OUT/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,usr/lib/x86_64-linux-gnu,lib64,etc,proc,sys,dev,run,tmp,lab,var,root}
ln -s usr/lib "$stage/lib"
# As on Debian: /var/run is /run (ip netns uses /run/netns, Dragline /var/run/netns).
ln -s ../run "$stage/var/run"

# Guest userland from the Debian packages (documentation left out).
(cd "$groot" && tar --exclude=./usr/share/doc --exclude=./usr/share/man --exclude=./usr/share/locale -cf - .) | (cd "$stage" && tar -xf - --keep-directory-symlink)

# busybox for everything the packages do not provide; host bash.
cp "$busybox_bin" "$stage/bin/busybox"
for applet in $("$busybox_bin" --list); do
  for d in bin sbin usr/bin usr/sbin; do [ -e "$stage/$d/$applet" ] && continue 2; done
  ln -s busybox "$stage/bin/$applet"
done
cp /bin/bash "$stage/bin/bash"

# Shared libraries: resolve every ELF file against the guest tree first, then the host; repeat for
# the libraries copied in, until nothing new is needed. libc and libm are always there (NativeAOT).
is_elf() { [ "$(head -c4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; }
libs_of() {
  LD_LIBRARY_PATH="$stage/usr/lib/x86_64-linux-gnu:$stage/usr/lib/x86_64-linux-gnu/libibverbs" ldd "$1" 2>/dev/null \
    | awk '/=> \// { print $3 }'
}
declare -A copied=()
mapfile -d '' todo < <(find "$stage" -type f \( -perm -u+x -o -name '*.so*' \) -print0)
todo+=(/lib/x86_64-linux-gnu/libc.so.6 /lib/x86_64-linux-gnu/libm.so.6)
while [ ${#todo[@]} -gt 0 ]; do
  next=()
  for f in "${todo[@]}"; do
    is_elf "$f" || continue
    case "$f" in "$stage"/*) ;; *)
      dest="$stage/usr/lib/x86_64-linux-gnu/$(basename "$f")"
      [ -e "$dest" ] || cp -L "$f" "$dest";;
    esac
    for lib in $(libs_of "$f"); do
      case "$lib" in "$stage"/*) continue;; esac
      [ -n "${copied[$lib]:-}" ] && continue
      copied[$lib]=1
      next+=("$lib")
    done
  done
  todo=("${next[@]}")
done
cp -L /lib64/ld-linux-x86-64.so.2 "$stage/lib64/"

# Kernel modules with their dependencies, decompressed (busybox insmod reads plain .ko), in load order.
mkdir -p "$stage/lib/modules"
: > "$stage/lib/modules/load-order"
declare -A loaded=()
add_module() {
  local name=$1 line path dep
  line=$(grep -E "(^|/)${name//-/[-_]}\.ko(\.xz)?:" "$kroot/modules.dep" | head -1)
  [ -n "$line" ] || kl_die "module $name not in $KL_KVER (modules.conf)"
  path=${line%%:*}
  [ -n "${loaded[$path]:-}" ] && return 0
  loaded[$path]=1
  # modules.dep lists dependencies, nearest first: load the farthest first.
  for dep in $(echo "${line#*:}" | tr ' ' '\n' | tac); do
    [ -n "${loaded[$dep]:-}" ] && continue
    add_module_path "$dep"
  done
  add_module_path "$path"
}
add_module_path() {
  local path=$1 out
  out="$stage/lib/modules/$(basename "${path%.xz}")"
  if [ ! -f "$out" ]; then
    case "$path" in *.xz) xz -dc "$kroot/$path" > "$out";; *) cp "$kroot/$path" "$out";; esac
    echo "$(basename "$out")" >> "$stage/lib/modules/load-order"
  fi
  loaded[$path]=1
}
while read -r m; do
  case "$m" in ''|\#*) continue;; esac
  add_module "$m"
done < "$KL_DIR/modules.conf"

cp "$KL_DIR/guest/init" "$stage/init"
chmod +x "$stage/init"
echo "root:x:0:0:root:/root:/bin/bash" > "$stage/etc/passwd"
echo "root:x:0:" > "$stage/etc/group"

(cd "$stage" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) > "$image.tmp"
mv "$image.tmp" "$image"
kl_log "initramfs $(du -h "$image" | cut -f1) in $image"
echo "$image"
