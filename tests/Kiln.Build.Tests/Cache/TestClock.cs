namespace Kiln.Build.Tests.Cache;

/// <summary>A clock a test sets, so that access times (and so eviction order) are the test's to decide.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
