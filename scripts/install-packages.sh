#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt that are missing (as root; a
# no-op for anyone else, whose build or tests then report what is missing). Used by ./build.sh
# (clang and zlib for the NativeAOT plugins, the reference CNI plugins for the lab) and ./test.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || exit 0
missing=()
while read -r pkg; do
  [ -z "$pkg" ] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done < <(grep -v '^#' scripts/debian-packages.txt)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || { echo "apt-get install failed for: ${missing[*]}" >&2; exit 1; }
