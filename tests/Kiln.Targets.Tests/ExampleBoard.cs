using Kiln.Pipeline.Devices;
using Kiln.Targets.Devices;

namespace Kiln.Targets.Tests;

/// <summary>The example tree's demo board read once per subtarget, with Kiln's default configuration.</summary>
internal static class ExampleBoard
{
    private static readonly Lazy<DeviceSet> SmallSet = new(() => Read("demo/small"));
    private static readonly Lazy<DeviceSet> BigSet = new(() => Read("demo/big"));

    public static DeviceSet Small => SmallSet.Value;

    public static DeviceSet Big => BigSet.Value;

    public static DeviceSet Read(string target) => SubtargetDevices.Load(Fixtures.Example, target, configFile: null,
        TimeSpan.FromSeconds(60)).Devices;

    public static Device Device(this DeviceSet set, string name) => set.Devices.Single(d => d.Name == name);

    public static Kiln.Targets.Plans.DevicePlan Plan(this DeviceSet set, string name) => set.Plans.Single(p => p.Device == name);
}
