# Scenario 8: a SriovNetworkNodePolicy applied by Dragline.Sriov (what `dragline policy apply` runs) on the
# emulated igb NIC: the policy's 3 VFs are created through sriov_numvfs, bound to igbvf, and, the group being
# isRdma, each VF's admin MAC is set to its netdev's MAC; a second apply changes nothing; the device plugin's
# pool for the resource (Dragline.DevicePlugin, as `dragline agent --sriov-policies` serves it) offers the 3 VFs.
. "$LAB_LIB"
pf=$(igb_pf)
[ -n "$pf" ] || fail "no igb PF (8086:10c9) on the guest's PCI bus"
pfdev=$(ls "/sys/bus/pci/devices/$pf/net")
echo "PF $pf netdev $pfdev"
[ "$(cat "/sys/bus/pci/devices/$pf/sriov_numvfs")" = 0 ] || run "$guest" sriov-set-numvfs "$pf" 0
policy=/tmp/sriov-policy.yaml
cat > "$policy" <<POLICY
apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodePolicy
metadata: {name: igb-lab, namespace: kube-system}
spec:
  nodeSelector: {kubernetes.io/os: linux}
  resourceName: igbvfs
  numVfs: 3
  nicSelector: {pfNames: ["$pfdev"]}
  isRdma: true
POLICY

step "Dragline.Sriov applies the policy: 3 VFs"
capture out "$guest" sriov-policy-apply "$policy"
expect_eq "apply status" "Succeeded" "$(printf '%s\n' "$out" | fields sriov-apply status)"
expect_eq "sriov_numvfs in sysfs" 3 "$(cat "/sys/bus/pci/devices/$pf/sriov_numvfs")"
expect_eq "numvfs and VFs reported" "3 3" "$(printf '%s\n' "$out" | fields sriov-apply-pf numvfs vfs)"

step "each VF's admin MAC (ip link) is its netdev's MAC (sysfs)"
vf_netdevs_ready() { for i in 0 1 2; do ls /sys/bus/pci/devices/"$pf"/virtfn$i/net/* >/dev/null 2>&1 || return 1; done; }
retry 60 vf_netdevs_ready || fail "the 3 VF netdevs did not appear within 60s"
for i in 0 1 2; do
  vfnet=$(ls "/sys/bus/pci/devices/$pf/virtfn$i/net")
  mac=$(cat "/sys/class/net/$vfnet/address")
  admin=$(ip link show "$pfdev" | awk -v i="$i" '$1 == "vf" && $2 == i { for (n = 3; n <= NF; n++) if ($n == "link/ether") print $(n + 1) }')
  expect_eq "VF $i ($vfnet) admin MAC" "$mac" "$admin"
done
expect_eq "VF drivers" "igbvf igbvf igbvf" "$(for i in 0 1 2; do basename "$(readlink "/sys/bus/pci/devices/$pf/virtfn$i/driver")"; done | tr '\n' ' ' | sed 's/ $//')"

step "a second apply of the same policy changes nothing"
capture out "$guest" sriov-policy-apply "$policy"
expect_eq "second apply: status and changes" "Succeeded 0" "$(printf '%s\n' "$out" | fields sriov-apply status actions)"

step "the device plugin's pool for the policy's resource offers the 3 VFs, healthy, and answers Allocate"
# igbvf VFs have no RDMA device, so the pool is planned from the same policy without isRdma
# (an isRdma pool would rightly offer none of them).
netpolicy=/tmp/sriov-policy-net.yaml
sed 's/^  isRdma: true$/  isRdma: false/' "$policy" > "$netpolicy"
capture out "$guest" sriov-device-pool "$netpolicy" /tmp/devinfo
expect_eq "pool, devices, healthy" "spidernet.io/igbvfs 3 3" "$(printf '%s\n' "$out" | fields device-pool resource devices healthy)"
vf0=$(basename "$(readlink "/sys/bus/pci/devices/$pf/virtfn0")")
expect_eq "Allocate: PCIDEVICE variable and device-info file" "PCIDEVICE_SPIDERNET_IO_IGBVFS $vf0 1" "$(printf '%s\n' "$out" | fields device-pool-allocate variable value devinfo)"

step "clean up: numvfs 0"
run "$guest" sriov-set-numvfs "$pf" 0
