#!/usr/bin/env bash
# Publishes the guest program (tests/Dragline.KernelLab.Guest, NativeAOT, linux-x64) into DIR,
# unless DIR already holds a build of the current sources.
#   publish-guest.sh DIR
set -euo pipefail
. "$(dirname "$0")/common.sh"
[ $# -eq 1 ] || kl_die "usage: publish-guest.sh DIR"
dir=$1
project="$KL_REPO/tests/Dragline.KernelLab.Guest/Dragline.KernelLab.Guest.csproj"
# The program's inputs: its own sources, the libraries it references, the build policy.
key=$(cd "$KL_REPO" && find tests/Dragline.KernelLab.Guest src/Dragline.Linux src/Dragline.Core src/Dragline.Api src/Dragline.Ipam src/Dragline.Sriov src/Dragline.DevicePlugin \
        -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.proto' \) -not -path '*/obj/*' -not -path '*/bin/*' -print0 \
      | sort -z | xargs -0 sha256sum | cat - Directory.Build.props Directory.Packages.props global.json | sha256sum | cut -c1-16)
if [ -x "$dir/dragline-lab-guest" ] && [ "$(cat "$dir/.source-key" 2>/dev/null)" = "$key" ]; then exit 0; fi
kl_log "publishing the guest program (NativeAOT)"
rm -rf "$dir"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish "$project" -c Release -r linux-x64 -o "$dir" --nologo -v quiet -p:TreatWarningsAsErrors=true >&2 \
  || kl_die "dotnet publish of $project failed"
rm -f "$dir"/*.dbg "$dir"/*.pdb
echo "$key" > "$dir/.source-key"
