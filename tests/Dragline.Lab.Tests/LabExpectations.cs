namespace Dragline.Lab.Tests;

/// <summary>What the exclusive-mode lab must show, checked on a <see cref="LabState"/> however it was obtained (the scenario's results or the CLI's JSON).</summary>
internal static class LabExpectations
{
    public static void AssertSeedStep7(LabState state)
    {
        Assert.Equal("exclusive", state.Mode);
        Assert.Equal("exclusive", state.RdmaNetnsMode);
        Assert.Equal(2, state.Pods.Count);
        Assert.Equal(["node1", "node2"], state.Pods.Select(p => p.Node).Order().ToArray());

        var devices = new HashSet<string>();
        foreach (LabPodState pod in state.Pods)
        {
            LabAttachmentState attachment = Assert.Single(pod.Attachments);
            Assert.Equal("eth0", attachment.InterfaceName);

            // Each pod sees exactly one RDMA device (rdma link, the stock tool, in the pod): its own, over its own eth0.
            Assert.NotNull(pod.RdmaDevice);
            LabRdmaLink link = Assert.Single(pod.RdmaLinks);
            Assert.Equal(pod.RdmaDevice, link.Device);
            Assert.Equal("eth0", link.Netdev);
            Assert.Equal("ACTIVE", link.State);
            Assert.True(devices.Add(link.Device), $"two pods see the same RDMA device {link.Device}");

            // Addresses from the pool v4-81: 172.81.0.100-120 in 172.81.0.0/16, gateway 172.81.0.1.
            Assert.NotNull(attachment.Address);
            string[] address = attachment.Address.Split('/');
            Assert.Equal("16", address[1]);
            string[] octets = address[0].Split('.');
            Assert.Equal("172.81.0", string.Join('.', octets[..3]));
            int last = int.Parse(octets[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(last, 100, 120);
            Assert.Equal("172.81.0.1", attachment.Gateway);
            Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", attachment.Mac ?? "");
        }

        Assert.Equal(2, state.Pods.Select(p => p.Attachments[0].Address).Distinct().Count());
        Assert.Equal(2, state.Connectivity.Count);
        Assert.All(state.Connectivity, p => Assert.True(p.Success, $"ping {p.From} -> {p.To} ({p.Address}): {p.Detail}"));

        LabRdmaLatency latency = Assert.IsType<LabRdmaLatency>(state.RdmaLatency);
        Assert.Equal(2, latency.Bytes);
        Assert.Equal(200, latency.Iterations);
        Assert.True(latency.TypicalMicroseconds > 0, "ib_read_lat reported no typical latency");
        Assert.True(latency.MinimumMicroseconds <= latency.TypicalMicroseconds, "t_min above t_typical: the table was misread");
        Assert.NotEqual(latency.FromDevice, latency.ToDevice);
        Assert.Contains(state.Pods, p => p.Name == latency.To && p.Attachments[0].Address!.StartsWith(latency.ToAddress + "/", StringComparison.Ordinal));
        Assert.Empty(KernelLabResults.Problems(state));
    }
}
