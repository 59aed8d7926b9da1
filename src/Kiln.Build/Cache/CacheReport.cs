namespace Kiln.Build.Cache;

/// <summary>What a build's use of the cache came to, for its summary.</summary>
/// <param name="RestoredSteps">Steps whose outputs were taken from the cache.</param>
/// <param name="UploadedRecords">Steps whose outputs were stored in it.</param>
/// <param name="Problems">Why outputs could not be stored (warnings: the build itself does not depend on the cache).</param>
public sealed record CacheReport(string Location, int RestoredSteps, int UploadedRecords, CacheStatistics Statistics, IReadOnlyList<string> Problems);
