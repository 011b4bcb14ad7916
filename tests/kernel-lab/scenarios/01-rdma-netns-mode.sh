# Scenario 1: our RDMA netlink client lists the Soft-RoCE devices with their netdevs, reads the
# netns mode, switches it to exclusive, and reads it back. The stock rdma tool checks each answer.
. "$LAB_LIB"
clean_namespaces; delete_rxe_links
step "setup: a veth pair, a Soft-RoCE device on each end (created by our client)"
run ip link add lab1a type veth peer name lab1b
run ip link set lab1a up
run ip link set lab1b up
run "$guest" rdma-add-rxe rxe1a lab1a
run "$guest" rdma-add-rxe rxe1b lab1b

step "our client lists the devices with their netdevs; the stock tool agrees"
capture out "$guest" rdma-list
ours=$(printf '%s\n' "$out" | fields rdma-port device netdev | sort)
stock=$(rdma_links_in -)
expect_eq "devices and netdevs (ours vs rdma link)" "$stock" "$ours"
expect_eq "rxe1a's netdev" "rxe1a lab1a" "$(printf '%s\n' "$ours" | grep '^rxe1a ')"
expect_eq "rxe1b's netdev" "rxe1b lab1b" "$(printf '%s\n' "$ours" | grep '^rxe1b ')"

step "our client reads the boot-time mode (the stock tool agrees)"
stock_mode=$(rdma system show | awk '{ for (i = 1; i <= NF; i++) if ($i == "netns") print $(i + 1) }')
capture out "$guest" rdma-mode
expect_eq "netns mode (ours vs rdma system)" "$stock_mode" "$(printf '%s\n' "$out" | fields rdma-netns-mode mode)"

step "our client switches to exclusive and reads it back"
set_mode exclusive
capture out "$guest" rdma-mode
expect_eq "netns mode read back by our client" exclusive "$(printf '%s\n' "$out" | fields rdma-netns-mode mode)"
expect_eq "netns mode by rdma system" exclusive "$(rdma system show | awk '{ for (i = 1; i <= NF; i++) if ($i == "netns") print $(i + 1) }')"

step "cleanup"
delete_rxe_links
run ip link delete lab1a
