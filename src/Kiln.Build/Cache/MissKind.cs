namespace Kiln.Build.Cache;

/// <summary>Why a cache lookup found nothing usable; statistics count misses by it.</summary>
public enum MissKind
{
    /// <summary>The cache has no such entry (HTTP 404, no file).</summary>
    NotFound,
    /// <summary>The entry's bytes do not hash to its name, or a record does not parse.</summary>
    Corrupt,
    /// <summary>An earlier entry of this run was corrupt; the records that led to it are not trusted again.</summary>
    Untrusted,
    /// <summary>The server refused the credentials (HTTP 401, 403).</summary>
    Unauthorized,
    /// <summary>The server could not be reached (refused, reset, name not resolved).</summary>
    Unreachable,
    /// <summary>The server did not answer within the timeout.</summary>
    Timeout,
    /// <summary>The server answered with an error (5xx, or a status the protocol does not have).</summary>
    ServerError,
    /// <summary>The local file system failed (permissions, disk full).</summary>
    LocalError,
}
