using System.Net;
using Kiln.Service.Requests;

namespace Kiln.Service;

/// <summary>How <c>kiln serve</c> runs.</summary>
/// <param name="TopDirectory">The tree served (built packages, or an Image Builder directory).</param>
/// <param name="Listen">The address and port (0: any free port).</param>
/// <param name="Workers">Images made at once.</param>
/// <param name="QueueLength">Builds that may wait; more are refused (429).</param>
/// <param name="StoreDirectory">Where finished builds are kept.</param>
/// <param name="Kernels">The kernels images are made with, by architecture (kiln.conf's after them).</param>
/// <param name="AllowDefaults">Accept first-boot scripts (<c>defaults</c>).</param>
/// <param name="ShutdownGrace">How long running builds may go on once the service is told to stop.</param>
public sealed record ServiceOptions(
    string TopDirectory,
    IPEndPoint Listen,
    int Workers,
    int QueueLength,
    string StoreDirectory,
    IReadOnlyList<string> Kernels,
    bool AllowDefaults,
    TimeSpan ShutdownGrace)
{
    public ServiceLimits Limits { get; init; } = new();
}
