using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.KernelLab.Guest;

/// <summary>
/// The device plugin's side of a policy on the guest's real VFs: the pools <c>dragline agent --sriov-policies</c>
/// serves (Dragline.DevicePlugin), selected from the live sysfs, and one Allocate answered from them.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class DevicePoolCommands
{
    public static void Show(string manifest, string deviceInfoDirectory)
    {
        List<SriovNetworkNodePolicy> policies = [.. ManifestReader.Default.ReadFile(manifest).Select(d => d.Object).OfType<SriovNetworkNodePolicy>()];
        if (policies.Count == 0)
        {
            throw new DraglineException(DraglineErrorReason.NotFound, $"{manifest} has no SriovNetworkNodePolicy");
        }

        HostInventory inventory = new HostDiscovery(HostRoot.Live).Discover();
        SriovNodePlan plan = new SriovPolicyPlanner().Plan(policies, SriovNodeLabels.Default(Environment.MachineName), SriovNodeStatusBuilder.Build(inventory), Environment.MachineName);
        DevicePluginConfig config = SriovPolicyPools.FromPlan(plan);
        var host = new HostView(inventory);
        IReadOnlyList<IReadOnlyList<SelectedVf>> selected = VfDeviceSelector.Select(host, config.VfPools);
        var deviceInfo = new DeviceInfoFiles(deviceInfoDirectory);
        for (int i = 0; i < config.VfPools.Count; i++)
        {
            var pool = new VfResourcePool(config.VfPools[i], deviceInfo);
            pool.Update(host, selected[i]);
            Record.Print("device-pool", ("resource", pool.FullName), ("devices", pool.Devices.Count), ("healthy", pool.Devices.Count(d => d.Healthy)));
            foreach (AdvertisedDevice device in pool.Devices)
            {
                Record.Print("device-pool-device", ("id", device.Id), ("healthy", device.Healthy), ("reason", device.UnhealthyReason));
            }

            if (pool.Devices.FirstOrDefault(d => d.Healthy) is { } first)
            {
                var request = new AllocateRequest();
                request.ContainerRequests.Add(new ContainerAllocateRequest { DevicesIds = { first.Id } });
                ContainerAllocateResponse response = pool.Allocate(request).ContainerResponses.Single();
                string variable = pool.EnvironmentVariable;
                Record.Print("device-pool-allocate", ("id", first.Id), ("variable", variable), ("value", response.Envs.TryGetValue(variable, out string? value) ? value : null),
                    ("devinfo", Directory.GetFiles(deviceInfoDirectory).Length));
            }
        }
    }
}
