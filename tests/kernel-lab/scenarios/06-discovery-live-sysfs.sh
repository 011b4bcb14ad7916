# Scenario 6: our hardware discovery on the guest's live sysfs maps each RDMA device to its netdev
# and its /dev/infiniband char devices, and each VF netdev to its PF and VF index. The expected
# answers are read here with the stock tools and plain sysfs links, independently of our code.
. "$LAB_LIB"
clean_namespaces; delete_rxe_links
pf=$(igb_pf)
step "setup with stock tools: two rxe devices over a veth pair, 3 VFs on the igb PF"
run ip link add lab6a type veth peer name lab6b
run ip link set lab6a up
run ip link set lab6b up
run rdma link add rxe6a type rxe netdev lab6a
run rdma link add rxe6b type rxe netdev lab6b
echo 0 > "/sys/bus/pci/devices/$pf/sriov_numvfs"
echo 3 > "/sys/bus/pci/devices/$pf/sriov_numvfs" || fail "cannot create 3 VFs on $pf"
vf_netdevs_ready() { for i in 0 1 2; do ls /sys/bus/pci/devices/"$pf"/virtfn$i/net/* >/dev/null 2>&1 || return 1; done; }
retry 60 vf_netdevs_ready || fail "the 3 VF netdevs did not appear within 60s"

capture out "$guest" discover

step "RDMA devices: netdev and char devices"
ours=$(printf '%s\n' "$out" | fields disc-rdma name netdevs chardevs chardevs-present | sort)
truth=$(for dev in $(rdma link show | awk '{ split($2, a, "/"); print a[1] }' | sort); do
  nd=$(rdma link show "$dev/1" | awk '{ for (i = 1; i <= NF; i++) if ($i == "netdev") print $(i + 1) }')
  chars=$(for c in /sys/class/infiniband_verbs/* /sys/class/infiniband_mad/*; do
    [ "$(cat "$c/ibdev" 2>/dev/null)" = "$dev" ] && echo "/dev/infiniband/$(basename "$c")"
  done | sort | tr '\n' ',' | sed 's/,$//')
  present=on; for c in ${chars//,/ }; do [ -c "$c" ] || present=off; done
  echo "$dev $nd $chars $present"
done)
expect_eq "RDMA devices (ours vs rdma link and /sys/class/infiniband_*)" "$truth" "$ours"
printf '%s\n' "$ours" | grep -q '^rxe6a lab6a ' || fail "rxe6a is not mapped to lab6a"
printf '%s\n' "$ours" | grep -q 'uverbs' || fail "no uverbs char device found"

step "VF netdevs: PF and VF index"
ours=$(printf '%s\n' "$out" | fields disc-vf netdev pci pf pf-netdevs index | sort)
pfnet=$(ls "/sys/bus/pci/devices/$pf/net" | tr '\n' ',' | sed 's/,$//')
truth=$(for link in /sys/bus/pci/devices/"$pf"/virtfn*; do
  i=${link##*virtfn}; vf=$(basename "$(readlink "$link")")
  for nd in $(ls "/sys/bus/pci/devices/$vf/net"); do echo "$nd $vf $pf $pfnet $i"; done
done | sort)
expect_eq "VF netdevs (ours vs virtfn links)" "$truth" "$ours"
expect_eq "VF netdev count" 3 "$(printf '%s\n' "$ours" | grep -c .)"

step "cleanup"
echo 0 > "/sys/bus/pci/devices/$pf/sriov_numvfs"
delete_rxe_links
run ip link delete lab6a
