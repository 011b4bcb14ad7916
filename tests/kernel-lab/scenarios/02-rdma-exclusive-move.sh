# Scenario 2: in exclusive mode our client moves an rxe device into a namespace: that namespace's
# `rdma link` shows only its device, the initial namespace no longer shows it.
. "$LAB_LIB"
delete_rxe_links
set_mode exclusive
step "setup: a pod namespace, a veth pair with one end in the pod, an rxe device on each end (all ours)"
# The netdev goes into the pod before its rxe device exists: moving a netdev unregisters it in its
# old namespace, and rxe deletes a device whose netdev goes away.
run "$guest" netns-add pod2
run "$guest" veth-add lab2a lab2b
run "$guest" link-move lab2a pod2
run ip netns exec pod2 ip link set lab2a up
run ip link set lab2b up
run "$guest" rdma-add-rxe rxe2a lab2a pod2
run "$guest" rdma-add-rxe rxe2b lab2b
echo "before the move: initial namespace: $(rdma_links_in - | tr '\n' ';') pod2: $(rdma_links_in pod2 | tr '\n' ';')"

step "our client moves rxe2a into pod2"
run "$guest" rdma-move rxe2a pod2

step "what the stock tools see"
expect_eq "rdma link in pod2" "rxe2a lab2a" "$(rdma_links_in pod2)"
init_links=$(rdma_links_in -)
printf '%s\n' "$init_links" | grep -q '^rxe2a ' && fail "the initial namespace still shows rxe2a: $init_links"
expect_eq "rxe2b stays in the initial namespace" "rxe2b lab2b" "$(printf '%s\n' "$init_links" | grep '^rxe2b ')"
expect_eq "/sys/class/infiniband in pod2" "rxe2a" "$(ip netns exec pod2 ls /sys/class/infiniband | tr '\n' ' ' | sed 's/ $//')"

step "what our client sees in each namespace"
capture out "$guest" rdma-list pod2
expect_eq "devices in pod2 (ours)" "rxe2a lab2a" "$(printf '%s\n' "$out" | fields rdma-port device netdev | sort)"
capture out "$guest" rdma-list
printf '%s\n' "$out" | fields rdma-device name | grep -qx rxe2a && fail "our client still lists rxe2a in the initial namespace"

step "cleanup"
run "$guest" netns-delete pod2
delete_rxe_links
ip link delete lab2b 2>/dev/null
true
