namespace Kiln.Build.Cache;

/// <summary>A cache lookup that found nothing usable, with a reason to show the user (never a credential).</summary>
public sealed record CacheMiss(MissKind Kind, string Reason)
{
    public override string ToString() => Reason;
}
