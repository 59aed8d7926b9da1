using Kiln.Service.Serving;

namespace Kiln.Service.Jobs;

/// <summary>A build waiting in the queue or running; once it ends, its answer is in the store.</summary>
public sealed class BuildJob(ValidatedBuild build, DateTimeOffset enqueuedAt)
{
    private volatile string _status = "queued";

    public ValidatedBuild Build { get; } = build;

    public string Hash => Build.Hash;

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    /// <summary>When it was queued, as ASU's answers say it (ISO 8601, UTC).</summary>
    public string EnqueuedAtText => EnqueuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Stops the job when the service shuts down.</summary>
    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>ASU's imagebuilder_status: queued, then init, building_image, done or failed.</summary>
    public string Status
    {
        get => _status;
        set => _status = value;
    }

    public bool Started => _status != "queued";

    /// <summary>The build's progress lines, for the answer's stderr when it fails.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Progress { get; } = new();
}
