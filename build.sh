#!/usr/bin/env bash
# Publishes Dragline into artifacts/: artifacts/bin/dragline (the CLI, agent and controller host) and the
# CNI plugins in artifacts/cni/ (dragline-cni, NativeAOT, with a symlink per plugin name).
#
#   ./build.sh          what the lab, the docs and ./test.sh run, as fast as it honestly goes:
#                       1. nothing to publish when artifacts/ already holds a build of the same sources
#                          (artifacts/.source-key: a hash of every input, the SDK version and the mode);
#                       2. the same sources already built on this machine (another clone, an earlier
#                          commit checked out again) are copied from the build cache;
#                       3. otherwise one MSBuild run publishes the CLI and the NativeAOT plugin in parallel,
#                          with Roslyn analyzers and code-style checks off for this build (the compiler's
#                          own warnings still fail it). The whole build policy is enforced by
#                          `dotnet build Dragline.slnx` (./test.sh's build step) and by --full.
#   ./build.sh --full   the same outputs built with the whole build policy (analyzers, code style,
#                       warnings as errors), two plain `dotnet publish` runs; never read from the build
#                       cache, but stored in it for the default mode (they are valid default-mode outputs).
#
# DRAGLINE_BUILD_CACHE: the build cache folder (default /var/cache/dragline/build as root, else
# ~/.cache/dragline/build; "off" disables it). It keeps the 4 most recent builds (about 45 MB each).
# Timings are in docs/lab.md ("Build time").
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mode=fast
case "${1:-}" in
  "") ;;
  --full) mode=full ;;
  *) echo "usage: ./build.sh [--full]" >&2; exit 2 ;;
esac
start=$SECONDS
plugins=(dragline-ipam)   # exactly ShippedPlugins.Names (src/Dragline.Cni/ShippedPlugins.cs); a unit test compares them
cli=src/Dragline.Cli/Dragline.Cli.csproj
plugin=src/Dragline.Cni.Plugins/Dragline.Cni.Plugins.csproj
[ -f "$plugin" ] || plugin=""

# As root on Debian: the packages the build (clang, zlib for NativeAOT) and the lab need.
scripts/install-packages.sh

# git keeps no empty folders, and sysfs has many: the fixture trees need them back so that
# `dragline doctor --root tests/testdata/sysfs/<scenario>` and the tests see the whole tree.
# - first build in a fresh clone (no artifacts/ yet; every folder is there but the empty ones): create the folders the
#   manifests name ("[dir]" sections and "name/" entries), well under a second; a unit test checks
#   that each folder matches its manifest;
# - a manifest (or the script) changed since the last build, a scenario folder is missing, or --full:
#   re-materialise every tree with tests/testdata/sysfs/build.sh (tens of seconds), in the background
#   while .NET builds;
# - otherwise nothing.
fixtures=tests/testdata/sysfs
fixtures_key=$(cat "$fixtures/build.sh" "$fixtures"/*.tree | sha256sum | cut -c1-16)
fixtures_stamp=.build/sysfs-fixtures.key
fixtures_pid=""
mkdir -p .build
all_folders() { for t in "$fixtures"/*.tree; do [ -d "${t%.tree}" ] || return 1; done; }
empty_folders() { # MANIFEST: the folders it names, relative to its scenario folder
  awk 'hd { if ($0 == "EOF") hd = 0; next }
       /^$/ || /^#/ { next }
       / <<EOF$/ { hd = 1; next }
       /^\[.*\]$/ { dir = substr($0, 2, length($0) - 2); print dir; next }
       index($0, " -> ") || index($0, " = ") { next }
       /\/$/ { print dir "/" substr($0, 1, length($0) - 1) }' "$1"
}
if [ "$mode" != full ] && [ "$(cat "$fixtures_stamp" 2>/dev/null)" = "$fixtures_key" ] && all_folders; then
  :
elif [ "$mode" != full ] && [ ! -f "$fixtures_stamp" ] && [ ! -e artifacts ] && all_folders; then
  for t in "$fixtures"/*.tree; do
    empty_folders "$t" | (cd "${t%.tree}" && xargs -r -d '\n' mkdir -p --)
  done
  echo "$fixtures_key" > "$fixtures_stamp"
else
  (tests/testdata/sysfs/build.sh >/dev/null && echo "$fixtures_key" > "$fixtures_stamp") &
  fixtures_pid=$!
fi
wait_fixtures() { [ -z "$fixtures_pid" ] || wait "$fixtures_pid" || { echo "tests/testdata/sysfs/build.sh failed" >&2; exit 1; }; }

finish() {
  wait_fixtures
  echo "built: artifacts/bin/dragline${plugin:+, artifacts/cni/${plugins[*]}} ($1, $((SECONDS - start)) s)"
}

# 1. Up to date? The key covers every build input: sources and projects under src/, the build policy,
# package versions, the SDK, this script, the mode.
# A --full build is also a good default build (same sources, stricter checks), so the default mode
# accepts it, and --full stores its outputs in the build cache under the default mode's key: after
# ./test.sh (which runs --full), the lab's ./build.sh on a fresh clone of the same commit copies them.
sdk=$(dotnet --version)
inputs=$( { find src -type f -not -path '*/obj/*' -not -path '*/bin/*' -print0 | sort -z | xargs -0 sha256sum
         sha256sum Directory.Build.props Directory.Packages.props global.json build.sh
         ls nuget.config NuGet.Config 2>/dev/null | xargs -r sha256sum
         echo "sdk=$sdk arch=$(uname -m)"; } | sha256sum | cut -c1-24)
key_of() { echo "$inputs mode=$1" | sha256sum | cut -c1-24; }
key=$(key_of "$mode")
fast_key=$(key_of fast)
full_key=$(key_of full)
complete() { [ -x artifacts/bin/dragline ] && { [ -z "$plugin" ] || [ -x artifacts/cni/dragline-cni ]; }; }
current=$(cat artifacts/.source-key 2>/dev/null || true)
if { [ "$current" = "$key" ] || { [ "$mode" = fast ] && [ "$current" = "$full_key" ]; }; } && complete; then
  finish "up to date"
  exit 0
fi

link_plugins() {
  [ -n "$plugin" ] || return 0
  # One multi-call binary; argv[0] picks the plugin.
  for p in "${plugins[@]}"; do ln -sf dragline-cni "artifacts/cni/$p"; done
}

# 2. The build cache.
if [ "$(id -u)" = 0 ]; then cache=${DRAGLINE_BUILD_CACHE:-/var/cache/dragline/build}; else cache=${DRAGLINE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dragline/build}; fi
cache_read=$cache
[ "$mode" = full ] && cache_read=off
if [ "$cache_read" != off ] && [ -f "$cache/$key.tar" ]; then
  rm -rf artifacts/bin artifacts/cni
  mkdir -p artifacts
  if tar -xf "$cache/$key.tar" -C artifacts && complete; then
    link_plugins
    echo "$key" > artifacts/.source-key
    touch "$cache/$key.tar"
    finish "same sources as build $key in $cache"
    exit 0
  fi
  echo "build cache entry $cache/$key.tar is unusable: building" >&2
  rm -f "$cache/$key.tar"
fi

# 3. Build.
rm -f artifacts/.source-key
if [ "$mode" = full ]; then
  rm -rf artifacts/bin artifacts/cni
  mkdir -p artifacts/bin artifacts/cni
  dotnet publish "$cli" -c Release -o artifacts/bin --nologo -v quiet -p:TreatWarningsAsErrors=true
  [ -z "$plugin" ] || dotnet publish "$plugin" -c Release -o artifacts/cni --nologo -v quiet -p:TreatWarningsAsErrors=true
else
  # One restore and one MSBuild run for both projects: their shared libraries are built once, and the
  # plugin's NativeAOT compile runs beside the CLI's remaining C# compiles. Both publish into one folder
  # (one set of global properties, so no library is built twice at once); the plugin is moved out after.
  work=$(mktemp -d "${TMPDIR:-/tmp}/dragline-build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  repo=$(pwd)
  {
    echo '<Solution>'
    echo "  <Project Path=\"$repo/$cli\" />"
    [ -z "$plugin" ] || echo "  <Project Path=\"$repo/$plugin\" />"
    echo '</Solution>'
  } > "$work/restore.slnx"
  {
    echo '<Project>'
    echo '  <Target Name="Build">'
    echo "    <MSBuild Projects=\"$repo/$cli${plugin:+;$repo/$plugin}\" Targets=\"Publish\" BuildInParallel=\"true\""
    echo "             Properties=\"Configuration=Release;PublishDir=$work/out/;_IsPublishing=true;RunAnalyzers=false;EnforceCodeStyleInBuild=false;TreatWarningsAsErrors=true\" />"
    echo '  </Target>'
    echo '</Project>'
  } > "$work/publish.proj"
  dotnet restore "$work/restore.slnx" --nologo -v quiet
  dotnet msbuild "$work/publish.proj" -m -nologo -v:quiet
  # artifacts/ is replaced only now, so a failed build leaves the previous one in place.
  rm -rf artifacts/bin artifacts/cni
  mkdir -p artifacts/bin artifacts/cni
  if [ -n "$plugin" ]; then
    mv "$work/out/dragline-cni" artifacts/cni/
    rm -f "$work/out"/dragline-cni.*
  fi
  cp -a "$work/out/." artifacts/bin/
fi
complete || { echo "build.sh: the publish left no artifacts/bin/dragline${plugin:+ or artifacts/cni/dragline-cni}" >&2; exit 1; }
link_plugins
echo "$key" > artifacts/.source-key

if [ "$cache" != off ] && mkdir -p "$cache" 2>/dev/null; then
  tmp_tar=$(mktemp "$cache/.$fast_key.XXXXXX")
  if tar -cf "$tmp_tar" -C artifacts bin cni; then mv "$tmp_tar" "$cache/$fast_key.tar"; else rm -f "$tmp_tar"; fi
  # Keep the 4 most recent builds.
  ls -1t "$cache"/*.tar 2>/dev/null | tail -n +5 | xargs -r rm -f
fi
finish "built"
