# The harness itself: the guest kernel, its modules and the stock tools work. Uses no project code.
. "$LAB_LIB"
step "kernel"
# The release fetch-packages.sh resolved (the newest 7.x of trixie-backports), written into the share by run.sh.
expect_eq "kernel release" "$(cat /lab/kernel-release 2>/dev/null)" "$(uname -r)"
case "$(uname -r)" in 7.*) ;; *) fail "kernel $(uname -r) is not 7.x: only 7.x moves rxe devices between namespaces";; esac
step "Soft-RoCE with the stock rdma tool"
run ip link add labt0 type veth peer name labt1
run ip link set labt0 up
run rdma link add labtrxe type rxe netdev labt0
expect_eq "rdma link" "labtrxe labt0" "$(rdma_links_in - | grep '^labtrxe ')"
[ -e /dev/infiniband/rdma_cm ] || fail "/dev/infiniband/rdma_cm missing"
run ibv_devices
run rdma link delete labtrxe
run ip link delete labt0
step "igb SR-IOV"
pf=$(basename "$(dirname "$(grep -l 0x10c9 /sys/bus/pci/devices/*/device | head -1)")")
[ -n "$pf" ] || fail "no igb PF (device 0x10c9) on the PCI bus"
expect_eq "sriov_totalvfs of $pf" 7 "$(cat "/sys/bus/pci/devices/$pf/sriov_totalvfs")"
step "our guest program runs"
run "$guest" version
