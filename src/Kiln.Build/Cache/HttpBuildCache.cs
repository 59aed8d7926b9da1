using System.Net;
using System.Net.Sockets;
using Kiln.Core.Files;

namespace Kiln.Build.Cache;

/// <summary>
/// A build cache on the Bazel HTTP remote-cache protocol: <c>GET</c>, <c>PUT</c> and <c>HEAD</c>
/// on <c>BASE/ac/KEY</c> and <c>BASE/cas/SHA256</c>, as bazel-remote, Buildbarn and nginx's WebDAV
/// module serve it. Every failure of the server is a miss or a failed upload with a reason; once
/// the server is unreachable or too slow, the rest of the run does not ask it again (each request
/// would cost the build a timeout).
/// </summary>
public sealed class HttpBuildCache : IBuildCache
{
    // A record is a list of files; anything larger is not one of Kiln's.
    private const int MaximumRecordBytes = 64 << 20;

    private readonly HttpClient _client;
    private readonly Uri _baseUri;
    private readonly TimeSpan _requestTimeout;
    private readonly TrustLedger _trust = new();
    private CacheMiss? _down;

    public CacheStatistics Statistics { get; } = new();

    public HttpBuildCache(Uri baseUri, CacheCredentials? credentials = null, CacheTimeouts? timeouts = null)
    {
        timeouts ??= CacheTimeouts.Default;
        // Relative names resolve beneath the base's path prefix only when it ends with '/'.
        _baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _requestTimeout = timeouts.Request;
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeouts.Connect, UseProxy = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (credentials is not null) _client.DefaultRequestHeaders.Authorization = credentials.Header;
    }

    public ActionRecord? TryGetAction(string key, out CacheMiss? miss)
    {
        CacheNames.Require(key, nameof(key));
        var record = FetchAction(key, out miss);
        if (miss is not null) Statistics.Miss(miss);
        return record;
    }

    public bool TryGetBlob(string sha256, string destinationPath, out CacheMiss? miss)
    {
        CacheNames.Require(sha256, nameof(sha256));
        miss = FetchBlob(sha256, destinationPath);
        if (miss is not null) Statistics.Miss(miss);
        return miss is null;
    }

    private ActionRecord? FetchAction(string key, out CacheMiss? miss)
    {
        miss = null;
        if (_trust.IsUntrusted(key))
        {
            miss = TrustLedger.Untrusted(key);
            return null;
        }
        var resource = $"ac/{key}";
        using var timeout = new CancellationTokenSource(_requestTimeout);
        using var response = Get(resource, timeout.Token, out miss);
        if (response is null) return null;
        byte[] bytes;
        try
        {
            using var body = response.Content.ReadAsStream(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = body.Read(chunk)) > 0)
            {
                // Counted as it comes: a server need not say how long a body is.
                if (buffer.Length + read > MaximumRecordBytes) throw new InvalidDataException("larger than any action record");
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        catch (Exception e) when (Unavailable($"GET {resource}", e, timeout.Token) is { } unavailable)
        {
            miss = unavailable;
            return null;
        }
        if (ActionRecord.TryParse(bytes, out var problem) is not { } record)
        {
            _trust.Distrust(key);
            miss = new CacheMiss(MissKind.Corrupt, $"{resource}: {problem}");
            return null;
        }
        miss = _trust.Check(key, record);
        if (miss is not null) return null;
        Statistics.Hit(bytes.Length);
        return record;
    }

    private CacheMiss? FetchBlob(string sha256, string destinationPath)
    {
        var resource = $"cas/{sha256}";
        using var timeout = new CancellationTokenSource(_requestTimeout);
        using var response = Get(resource, timeout.Token, out var miss);
        if (response is null) return miss;
        try
        {
            using var body = response.Content.ReadAsStream(timeout.Token);
            if (VerifiedBlob.Receive(body, sha256, destinationPath, out var bytes) is { } corrupt)
            {
                _trust.BlobCorrupt(sha256);
                return corrupt;
            }
            Statistics.Hit(bytes);
            return null;
        }
        catch (Exception e) when (Unavailable($"GET {resource}", e, timeout.Token) is { } unavailable)
        {
            return unavailable;
        }
    }

    public bool HasBlob(string sha256)
    {
        CacheNames.Require(sha256, nameof(sha256));
        using var timeout = new CancellationTokenSource(_requestTimeout);
        using var response = Send(HttpMethod.Head, $"cas/{sha256}", null, timeout.Token, out _);
        return response?.StatusCode == HttpStatusCode.OK;
    }

    public bool PutAction(string key, ActionRecord record, out string? failure)
    {
        CacheNames.Require(key, nameof(key));
        var bytes = record.Encode();
        return Put($"ac/{key}", new ByteArrayContent(bytes), bytes.Length, out failure);
    }

    public bool PutBlob(string sha256, string sourcePath, out string? failure)
    {
        CacheNames.Require(sha256, nameof(sha256));
        FileStream source;
        try
        {
            // The shared cache must never hold a blob under a name that is not its hash.
            var actual = FileHash.Sha256(sourcePath);
            if (actual != sha256)
            {
                Statistics.UploadFailed();
                failure = $"{sourcePath} hashes to {actual[..12]}, not {sha256[..12]}: not uploaded";
                return false;
            }
            source = File.OpenRead(sourcePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Statistics.UploadFailed();
            failure = $"{sourcePath}: {e.Message}";
            return false;
        }
        using (source) return Put($"cas/{sha256}", new StreamContent(source, 1 << 16), source.Length, out failure);
    }

    private bool Put(string resource, HttpContent content, long bytes, out string? failure)
    {
        using var timeout = new CancellationTokenSource(_requestTimeout);
        using (content)
        using (var response = Send(HttpMethod.Put, resource, content, timeout.Token, out var miss))
        {
            if (response is not null && (int)response.StatusCode is >= 200 and < 300)
            {
                Statistics.Uploaded(bytes);
                failure = null;
                return true;
            }
            Statistics.UploadFailed();
            failure = response is null ? miss!.Reason : $"PUT {resource}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            return false;
        }
    }

    private HttpResponseMessage? Get(string resource, CancellationToken token, out CacheMiss? miss)
    {
        var response = Send(HttpMethod.Get, resource, null, token, out miss);
        if (response is null || response.StatusCode == HttpStatusCode.OK) return response;
        miss = Refused(HttpMethod.Get, resource, response);
        response.Dispose();
        return null;
    }

    private static CacheMiss Refused(HttpMethod method, string resource, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new CacheMiss(MissKind.NotFound, $"{resource} is not in the cache"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new CacheMiss(MissKind.Unauthorized, $"{method} {resource}: the cache server refused the credentials (HTTP {status})"),
            _ => new CacheMiss(MissKind.ServerError, $"{method} {resource}: HTTP {status} {response.ReasonPhrase}"),
        };
    }

    /// <summary>
    /// Null when the server answers the protocol, else why not: a HEAD of a blob no content can
    /// have (all zeros) is a 404, or a 200 from a server that answers every HEAD so.
    /// </summary>
    public CacheMiss? Probe()
    {
        var resource = $"cas/{new string('0', 64)}";
        using var timeout = new CancellationTokenSource(_requestTimeout);
        using var response = Send(HttpMethod.Head, resource, null, timeout.Token, out var miss);
        if (response is null) return miss;
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound ? null : Refused(HttpMethod.Head, resource, response);
    }

    /// <summary>The response (headers read; the body not yet), or null with why there is none.</summary>
    private HttpResponseMessage? Send(HttpMethod method, string resource, HttpContent? content, CancellationToken token, out CacheMiss? miss)
    {
        if (_down is { } earlier)
        {
            miss = new CacheMiss(earlier.Kind, $"{method} {resource}: not asked, the cache server failed earlier in this run ({earlier.Reason})");
            return null;
        }
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(_baseUri, resource)) { Content = content };
            miss = null;
            return _client.Send(request, HttpCompletionOption.ResponseHeadersRead, token);
        }
        catch (Exception e) when (Unavailable($"{method} {resource}", e, token) is { } unavailable)
        {
            miss = unavailable;
            return null;
        }
    }

    /// <summary>
    /// The miss a failed exchange is, or null for an exception that is a bug. A server that cannot
    /// be reached or does not answer in time is marked down for the rest of the run.
    /// </summary>
    private CacheMiss? Unavailable(string what, Exception e, CancellationToken token)
    {
        CacheMiss? miss = e switch
        {
            OperationCanceledException when token.IsCancellationRequested =>
                new CacheMiss(MissKind.Timeout, $"{what}: no answer within {_requestTimeout.TotalSeconds:0.#} s"),
            OperationCanceledException or HttpRequestException { InnerException: TimeoutException } =>
                new CacheMiss(MissKind.Timeout, $"{what}: could not connect in time"),
            HttpRequestException { InnerException: SocketException socket } =>
                new CacheMiss(MissKind.Unreachable, $"{what}: {socket.Message}"),
            HttpRequestException or HttpIOException or IOException { InnerException: SocketException } =>
                new CacheMiss(MissKind.Unreachable, $"{what}: {e.Message}"),
            InvalidDataException => new CacheMiss(MissKind.Corrupt, $"{what}: {e.Message}"),
            // Writing the blob where the build wants it failed: the server is not to blame.
            IOException or UnauthorizedAccessException => new CacheMiss(MissKind.LocalError, $"{what}: {e.Message}"),
            _ => null,
        };
        if (miss?.Kind is MissKind.Timeout or MissKind.Unreachable) Interlocked.CompareExchange(ref _down, miss, null);
        return miss;
    }

    public void Dispose() => _client.Dispose();
}
