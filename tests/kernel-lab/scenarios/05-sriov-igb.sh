# Scenario 5: igb SR-IOV. Our discovery reads sriov_totalvfs 7; our code sets sriov_numvfs to 4
# and finds the 4 VFs through virtfn*/physfn with their netdevs; our rtnetlink client sets VF 0's
# MAC, trust, spoofchk and VLAN and reads them back; numvfs 0 removes the VFs.
. "$LAB_LIB"
pf=$(igb_pf)
[ -n "$pf" ] || fail "no igb PF (8086:10c9) on the guest's PCI bus"
pfdev=$(ls "/sys/bus/pci/devices/$pf/net")
echo "PF $pf netdev $pfdev"
run ip link set "$pfdev" up
[ "$(cat "/sys/bus/pci/devices/$pf/sriov_numvfs")" = 0 ] || run "$guest" sriov-set-numvfs "$pf" 0

step "our discovery reads the PF"
capture out "$guest" sriov-show "$pf"
expect_eq "totalvfs, numvfs, netdev (ours)" "7 0 $pfdev" "$(printf '%s\n' "$out" | fields sriov-pf totalvfs numvfs netdevs)"

step "our code creates 4 VFs"
run "$guest" sriov-set-numvfs "$pf" 4
expect_eq "sriov_numvfs in sysfs" 4 "$(cat "/sys/bus/pci/devices/$pf/sriov_numvfs")"
vf_netdevs_ready() { for i in 0 1 2 3; do ls /sys/bus/pci/devices/"$pf"/virtfn$i/net/* >/dev/null 2>&1 || return 1; done; }
retry 60 vf_netdevs_ready || fail "the 4 VF netdevs did not appear within 60s"
capture out "$guest" sriov-show "$pf"
ours=$(printf '%s\n' "$out" | fields sriov-vf index pci netdevs physfn physfn-index driver)
truth=$(for i in 0 1 2 3; do
  vf=$(basename "$(readlink "/sys/bus/pci/devices/$pf/virtfn$i")")
  echo "$i $vf $(ls "/sys/bus/pci/devices/$vf/net" | tr '\n' ',' | sed 's/,$//') $(basename "$(readlink "/sys/bus/pci/devices/$vf/physfn")") $i $(basename "$(readlink "/sys/bus/pci/devices/$vf/driver")")"
done)
expect_eq "VFs: index pci netdev physfn index driver (ours vs sysfs)" "$truth" "$ours"
expect_eq "VF count (ours)" 4 "$(printf '%s\n' "$ours" | grep -c .)"

step "our rtnetlink client sets VF 0's MAC, trust, spoofchk and VLAN and reads them back"
run "$guest" vf-set "$pfdev" 0 mac=02:11:22:33:44:55 trust=on spoofchk=off vlan=100
capture out "$guest" vf-show "$pfdev"
expect_eq "VF 0 (ours): mac vlan trust spoofchk" "02:11:22:33:44:55 100 on off" "$(printf '%s\n' "$out" | awk '$1 == "vf" && $2 == "vf=0"' | fields vf mac vlan trust spoofchk)"
expect_eq "VFs listed by our client" 4 "$(printf '%s\n' "$out" | fields vf vf | grep -c .)"
stock=$(ip link show "$pfdev" | grep -E '^\s+vf 0 ')
echo "ip link: $stock"
for want in "link/ether 02:11:22:33:44:55" "vlan 100" "spoof checking off" "trust on"; do
  case "$stock" in *"$want"*) echo "ok: ip link shows '$want'";; *) fail "ip link does not show '$want' for VF 0";; esac
done

step "numvfs 0 removes the VFs"
run "$guest" sriov-set-numvfs "$pf" 0
capture out "$guest" sriov-show "$pf"
expect_eq "numvfs and VFs (ours)" "0 0" "$(printf '%s\n' "$out" | fields sriov-pf numvfs vfs)"
ls "/sys/bus/pci/devices/$pf/" | grep -q '^virtfn' && fail "virtfn links remain after numvfs 0"
echo "ok: no virtfn links"
