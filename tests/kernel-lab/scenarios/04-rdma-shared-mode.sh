# Scenario 4: in shared mode both pods see all devices.
. "$LAB_LIB"
delete_rxe_links
set_mode shared
capture out "$guest" rdma-mode
expect_eq "netns mode read back by our client" shared "$(printf '%s\n' "$out" | fields rdma-netns-mode mode)"
step "setup: pods pod4a and pod4b (ours), an rxe device over each one's netdev (ours)"
run "$guest" netns-add pod4a
run "$guest" netns-add pod4b
run "$guest" veth-add lab4a lab4b
run "$guest" link-move lab4a pod4a
run "$guest" link-move lab4b pod4b
run "$guest" rdma-add-rxe rxe4a lab4a pod4a
run "$guest" rdma-add-rxe rxe4b lab4b pod4b

step "each pod sees both devices"
for pod in pod4a pod4b; do
  expect_eq "RDMA devices in $pod (stock)" "rxe4a rxe4b" "$(ip netns exec "$pod" rdma link show | awk '{ split($2, a, "/"); print a[1] }' | sort | tr '\n' ' ' | sed 's/ $//')"
  capture out "$guest" rdma-list "$pod"
  expect_eq "RDMA devices in $pod (ours)" "rxe4a rxe4b" "$(printf '%s\n' "$out" | fields rdma-device name | sort | tr '\n' ' ' | sed 's/ $//')"
done

step "moving a device is refused in shared mode"
if "$guest" rdma-move rxe4a pod4a; then fail "our client moved rxe4a in shared mode: the kernel should refuse"; fi
echo "ok: refused"

step "cleanup"
run "$guest" netns-delete pod4a
run "$guest" netns-delete pod4b
delete_rxe_links
true
