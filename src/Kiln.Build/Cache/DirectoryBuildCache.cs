namespace Kiln.Build.Cache;

/// <summary>
/// A build cache in a directory, in the remote cache's layout (<c>DIR/ac/KEY</c>,
/// <c>DIR/cas/SHA256</c>), for one machine or a CI runner. Every entry is written under a
/// temporary name and renamed, so any number of builds may share the directory; blobs are
/// verified on every read (a disk can rot too). Reads stamp an entry's access time (explicitly:
/// mounts with noatime or relatime do not), which <see cref="Collect(long)"/> evicts by.
/// </summary>
public sealed class DirectoryBuildCache : IBuildCache
{
    // A temporary file this old belongs to a writer that died; younger ones may be in use.
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    private readonly string _actions;
    private readonly string _blobs;
    private readonly TimeProvider _clock;
    private readonly TrustLedger _trust = new();

    public string Directory { get; }

    /// <summary>The size <see cref="Collect()"/> keeps the cache within, if any.</summary>
    public long? SizeLimit { get; }

    public CacheStatistics Statistics { get; } = new();

    public DirectoryBuildCache(string directory, long? sizeLimit = null, TimeProvider? clock = null)
    {
        Directory = Path.GetFullPath(directory);
        _actions = Path.Combine(Directory, "ac");
        _blobs = Path.Combine(Directory, "cas");
        SizeLimit = sizeLimit;
        _clock = clock ?? TimeProvider.System;
    }

    public ActionRecord? TryGetAction(string key, out CacheMiss? miss)
    {
        CacheNames.Require(key, nameof(key));
        var record = ReadAction(key, out miss);
        if (miss is not null) Statistics.Miss(miss);
        return record;
    }

    public bool TryGetBlob(string sha256, string destinationPath, out CacheMiss? miss)
    {
        CacheNames.Require(sha256, nameof(sha256));
        miss = ReadBlob(sha256, destinationPath);
        if (miss is not null) Statistics.Miss(miss);
        return miss is null;
    }

    private ActionRecord? ReadAction(string key, out CacheMiss? miss)
    {
        if (_trust.IsUntrusted(key))
        {
            miss = TrustLedger.Untrusted(key);
            return null;
        }
        var path = Path.Combine(_actions, key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            miss = new CacheMiss(MissKind.NotFound, $"ac/{key} is not in the cache");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            miss = new CacheMiss(MissKind.LocalError, $"ac/{key}: {e.Message}");
            return null;
        }
        if (ActionRecord.TryParse(bytes, out var problem) is not { } record)
        {
            _trust.Distrust(key);
            Discard(path);
            miss = new CacheMiss(MissKind.Corrupt, $"ac/{key}: {problem}");
            return null;
        }
        miss = _trust.Check(key, record);
        if (miss is not null) return null;
        Touch(path);
        Statistics.Hit(bytes.Length);
        return record;
    }

    private CacheMiss? ReadBlob(string sha256, string destinationPath)
    {
        var path = Path.Combine(_blobs, sha256);
        try
        {
            long bytes;
            CacheMiss? corrupt;
            using (var source = File.OpenRead(path)) corrupt = VerifiedBlob.Receive(source, sha256, destinationPath, out bytes);
            if (corrupt is not null)
            {
                _trust.BlobCorrupt(sha256);
                // Gone, so that the next build that makes this blob stores it again.
                Discard(path);
                return corrupt;
            }
            Touch(path);
            Statistics.Hit(bytes);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new CacheMiss(MissKind.NotFound, $"cas/{sha256} is not in the cache");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CacheMiss(MissKind.LocalError, $"cas/{sha256}: {e.Message}");
        }
    }

    public bool HasBlob(string sha256)
    {
        CacheNames.Require(sha256, nameof(sha256));
        return File.Exists(Path.Combine(_blobs, sha256));
    }

    public bool PutAction(string key, ActionRecord record, out string? failure)
    {
        CacheNames.Require(key, nameof(key));
        var bytes = record.Encode();
        var path = Path.Combine(_actions, key);
        return Store(path, () => bytes.Length, out failure, () =>
        {
            System.IO.Directory.CreateDirectory(_actions);
            var temporary = CacheTemporaryFile.Beside(path);
            try
            {
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
            return null;
        });
    }

    public bool PutBlob(string sha256, string sourcePath, out string? failure)
    {
        CacheNames.Require(sha256, nameof(sha256));
        var path = Path.Combine(_blobs, sha256);
        long bytes = 0;
        return Store(path, () => bytes, out failure, () =>
        {
            using var source = File.OpenRead(sourcePath);
            // Copied through the verifier, so that a blob is never stored under a name that is not its hash.
            return VerifiedBlob.Receive(source, sha256, path, out bytes) is { } wrong
                ? $"{sourcePath} is not blob {sha256[..12]}: {wrong.Reason}"
                : null;
        });
    }

    private bool Store(string path, Func<long> bytes, out string? failure, Func<string?> write)
    {
        try
        {
            failure = write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"{path}: {e.Message}";
        }
        if (failure is not null)
        {
            Statistics.UploadFailed();
            return false;
        }
        Touch(path);
        Statistics.Uploaded(bytes());
        return true;
    }

    /// <summary>Evicts with <see cref="SizeLimit"/>, when there is one.</summary>
    public CacheCollection Collect() => SizeLimit is { } limit ? Collect(limit) : Collect(long.MaxValue);

    /// <summary>
    /// Deletes least recently used entries until the cache holds at most <paramref name="limit"/>
    /// bytes (entries used at the same moment go in order of their names, so that every run evicts
    /// the same ones), and temporary files that writers which died left behind.
    /// </summary>
    public CacheCollection Collect(long limit)
    {
        var abandonedBefore = _clock.GetUtcNow().UtcDateTime - Abandoned;
        var entries = Entries(stray =>
        {
            if (stray.Name.EndsWith(CacheTemporaryFile.Suffix, StringComparison.Ordinal) && stray.LastWriteTimeUtc < abandonedBefore) Discard(stray.FullName);
        });
        entries.Sort((a, b) => a.LastAccessUtc != b.LastAccessUtc ? a.LastAccessUtc.CompareTo(b.LastAccessUtc) : string.CompareOrdinal(a.Resource, b.Resource));
        long total = 0;
        foreach (var entry in entries) total += entry.Size;
        var (removed, freed) = (0, 0L);
        for (var i = 0; i < entries.Count && total > limit; i++)
        {
            Discard(entries[i].Path);
            total -= entries[i].Size;
            freed += entries[i].Size;
            removed++;
        }
        return new CacheCollection(entries.Count - removed, total, removed, freed);
    }

    /// <summary>Whether the directory is there; no method creates it but a store.</summary>
    public bool Exists => System.IO.Directory.Exists(Directory);

    /// <summary>The entries the directory holds, records then blobs, each in name order; none when it does not exist.</summary>
    public IReadOnlyList<CacheEntry> Entries() => Entries(stray: null);

    /// <summary>The entries; every other file of <c>ac/</c> and <c>cas/</c> (a writer's temporary file) goes to <paramref name="stray"/>.</summary>
    private List<CacheEntry> Entries(Action<FileInfo>? stray)
    {
        var entries = new List<CacheEntry>();
        foreach (var (area, kind) in new[] { (_actions, CacheEntryKind.ActionRecord), (_blobs, CacheEntryKind.Blob) })
        {
            if (!System.IO.Directory.Exists(area)) continue;
            var start = entries.Count;
            foreach (var file in new DirectoryInfo(area).EnumerateFiles())
            {
                if (CacheNames.IsValid(file.Name)) entries.Add(new CacheEntry(kind, file.Name, file.FullName, file.Length, file.LastAccessTimeUtc));
                else stray?.Invoke(file);
            }
            entries.Sort(start, entries.Count - start, Comparer<CacheEntry>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        }
        return entries;
    }

    /// <summary>Deletes one entry; false with why when it could not be deleted.</summary>
    public bool Remove(CacheEntry entry, out string? failure)
    {
        try
        {
            File.Delete(entry.Path);
            failure = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"{entry}: {e.Message}";
            return false;
        }
    }

    private void Touch(string path)
    {
        try
        {
            File.SetLastAccessTimeUtc(path, _clock.GetUtcNow().UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Evicted by another build a moment ago, or not ours to stamp: its age only orders eviction.
        }
    }

    private static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another build removed or replaced it; nothing depends on this deletion.
        }
    }

    public void Dispose()
    {
    }
}
