namespace Kiln.Build.Cache;

/// <summary>
/// The entries one run has stopped trusting: a blob found corrupt, and every action key whose
/// record named it, so that a poisoned record is not followed again (the step is built locally
/// instead). Lives as long as its cache object, i.e. one run.
/// </summary>
internal sealed class TrustLedger
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _corruptBlobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _untrustedKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _keysByBlob = new(StringComparer.Ordinal);

    /// <summary>Null when the record served for this key may be used, else why not.</summary>
    public CacheMiss? Check(string key, ActionRecord record)
    {
        lock (_gate)
        {
            if (_untrustedKeys.Contains(key)) return Untrusted(key);
            foreach (var blob in record.Blobs())
            {
                if (_corruptBlobs.Contains(blob))
                {
                    _untrustedKeys.Add(key);
                    return Untrusted(key);
                }
                if (!_keysByBlob.TryGetValue(blob, out var keys)) _keysByBlob[blob] = keys = [];
                if (!keys.Contains(key)) keys.Add(key);
            }
            return null;
        }
    }

    public bool IsUntrusted(string key)
    {
        lock (_gate) return _untrustedKeys.Contains(key);
    }

    /// <summary>A key whose record itself was malformed.</summary>
    public void Distrust(string key)
    {
        lock (_gate) _untrustedKeys.Add(key);
    }

    public void BlobCorrupt(string blob)
    {
        lock (_gate)
        {
            _corruptBlobs.Add(blob);
            if (_keysByBlob.Remove(blob, out var keys)) _untrustedKeys.UnionWith(keys);
        }
    }

    public static CacheMiss Untrusted(string key) =>
        new(MissKind.Untrusted, $"action {key[..12]} is not trusted: a blob it named was corrupt earlier in this run");
}
