#!/usr/bin/env bash
# Publishes Dragline into artifacts/: artifacts/bin/dragline (the CLI, agent and controller host)
# and the CNI plugins in artifacts/cni/ (once they exist).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# As root on Debian: the packages the build (clang, zlib for NativeAOT) and the lab need.
scripts/install-packages.sh
mkdir -p artifacts/bin artifacts/cni
# git keeps no empty folders, and sysfs has many: re-materialise the fixture trees from their manifests
# so `dragline doctor --root tests/testdata/sysfs/<scenario>` and the tests see the whole tree.
tests/testdata/sysfs/build.sh >/dev/null
dotnet publish src/Dragline.Cli/Dragline.Cli.csproj -c Release -o artifacts/bin --nologo -v quiet -p:TreatWarningsAsErrors=true
if [ -f src/Dragline.Cni.Plugins/Dragline.Cni.Plugins.csproj ]; then
  dotnet publish src/Dragline.Cni.Plugins/Dragline.Cni.Plugins.csproj -c Release -o artifacts/cni --nologo -v quiet
  # One multi-call binary; argv[0] picks the plugin.
  # Only the plugins that exist get a name; the others (coordinator, rdma, sriov, ib-sriov, ifacer) come later.
  for plugin in dragline-ipam; do
    ln -sf dragline-cni "artifacts/cni/$plugin"
  done
fi
echo "built: artifacts/bin/dragline, artifacts/cni/dragline-ipam"
