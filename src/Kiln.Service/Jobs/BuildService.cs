using System.Diagnostics;
using System.Text.Json.Nodes;
using Kiln.Core.Errors;
using Kiln.Service.Requests;
using Kiln.Service.Serving;

namespace Kiln.Service.Jobs;

/// <summary>
/// The builds behind <c>/api/v1/build</c>: a request read, hashed, answered from the store or the queue when it is
/// known, else validated and queued; a hash answered with its job's state. Answers are ASU's: 200 with the images,
/// 202 queued or started (with the queue position), 500 failed, 404 unknown.
/// </summary>
public sealed class BuildService : IDisposable
{
    private readonly ServedTree _tree;
    private readonly ResultStore _store;
    private readonly ServiceLog _log;
    private readonly BuildQueue _queue;
    private readonly bool _allowDefaults;
    private readonly ServiceLimits _limits;

    public BuildService(ServedTree tree, ResultStore store, ServiceLog log, int workers, int queueCapacity, bool allowDefaults, ServiceLimits limits)
    {
        _tree = tree;
        _store = store;
        _log = log;
        _allowDefaults = allowDefaults;
        _limits = limits;
        _queue = new BuildQueue(workers, queueCapacity, Run, Fail);
    }

    public int QueueLength => _queue.Length;

    /// <summary>What an answer is: its status, ASU's headers, the body.</summary>
    public sealed record Answer(int Status, JsonObject Body, IReadOnlyDictionary<string, string> Headers);

    /// <summary>POST /api/v1/build.</summary>
    public (Answer? Answer, ApiProblem? Problem) Submit(ReadOnlySpan<byte> body)
    {
        var (request, invalid) = BuildRequestReader.Read(body, _limits);
        if (request is null) return (null, invalid);
        var hash = RequestHash.Of(request);
        if (Known(hash) is { } known)
        {
            if (known.Status == 200) _log.Line($"build {hash[..12]}: served from the store");
            return (known, null);
        }
        var (build, problem) = RequestValidation.Validate(_tree, request, hash, _allowDefaults);
        if (build is null) return (null, problem);
        var (job, full) = _queue.Submit(build);
        if (job is null) return (null, full);
        return (Known(hash) ?? OfJob(job), null);
    }

    /// <summary>POST /api/v1/packages: the packages a request's image would hold, resolved without building.</summary>
    public (JsonObject? Packages, ApiProblem? Problem) Resolve(ReadOnlySpan<byte> body)
    {
        var (request, invalid) = BuildRequestReader.Read(body, _limits);
        if (request is null) return (null, invalid);
        var (build, problem) = RequestValidation.Validate(_tree, request, RequestHash.Of(request), _allowDefaults);
        if (build is null) return (null, problem);
        var plan = Kiln.Images.Rootfs.InstallPlanner.Resolve(build.Subtarget.Feed, build.Selection.Installs, build.Selection.Removals);
        var packages = new JsonArray();
        foreach (var planned in plan.Packages)
            packages.Add((JsonNode)new JsonObject
            {
                ["name"] = planned.Package.Name,
                ["version"] = planned.Package.Version.ToString(),
                ["reason"] = planned.Why.Describe(),
                ["requested"] = planned.Requested,
            });
        return (new JsonObject { ["status"] = 200, ["packages"] = packages }, null);
    }

    /// <summary>GET /api/v1/build/HASH: the state of a build, or null when the hash is unknown.</summary>
    public Answer? Known(string hash)
    {
        if (_queue.Find(hash) is { } job) return OfJob(job);
        if (_store.Done(hash) is { } done)
        {
            done["status"] = 200;
            done["request_hash"] = hash;
            done["imagebuilder_status"] = "done";
            done["queue_position"] = 0;
            done["enqueued_at"] ??= null;
            return new Answer(200, done, Headers("done", 0));
        }
        if (_store.Failed(hash) is { } failed) return new Answer(500, failed, Headers("failed", 0));
        return null;
    }

    private Answer OfJob(BuildJob job)
    {
        var position = _queue.Position(job);
        var status = job.Status;
        var body = new JsonObject
        {
            ["status"] = 202,
            ["detail"] = job.Started ? "started" : "queued",
            ["request_hash"] = job.Hash,
            ["queue_position"] = position,
            ["imagebuilder_status"] = status,
            ["enqueued_at"] = job.EnqueuedAtText,
            ["request"] = job.Build.Request.ToJson(),
        };
        return new Answer(202, body, Headers(status, position));
    }

    private static Dictionary<string, string> Headers(string status, int position) => new()
    {
        ["X-Imagebuilder-Status"] = status,
        ["X-Queue-Position"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private JsonObject Run(BuildJob job, CancellationToken cancel)
    {
        var build = job.Build;
        _log.Line($"build {job.Hash[..12]}: started: {build.Subtarget.Id} {build.ProfileId}, {build.Packages.Count} packages asked for");
        var clock = Stopwatch.StartNew();
        var answer = ImageJob.Run(job, _tree, _store, _store.WorkDirectory, job.Progress.Enqueue, cancel);
        answer["enqueued_at"] = job.EnqueuedAtText;
        _log.Line($"build {job.Hash[..12]}: done in {clock.Elapsed.TotalSeconds:0.00} s");
        return answer;
    }

    /// <summary>A job's failure, kept in the store as ASU's failed answer; never throws (the worker goes on).</summary>
    private void Fail(BuildJob job, Exception failure)
    {
        var detail = failure switch
        {
            OperationCanceledException => "Error: cancelled (the server shut down)",
            _ when ErrorKinds.IsUserCaused(failure) => "Error: " + ErrorKinds.Message(failure),
            _ => "Error: " + InternalErrorLog.Report(failure, $"build {job.Hash}"),
        };
        _log.Line($"build {job.Hash[..12]}: failed: {detail.Split('\n')[0]}");
        if (failure is OperationCanceledException) return;
        try
        {
            _store.RecordFailure(job.Hash, new JsonObject
            {
                ["status"] = 500,
                ["detail"] = detail,
                ["stderr"] = string.Join('\n', [.. job.Progress, detail]),
                ["request_hash"] = job.Hash,
                ["imagebuilder_status"] = "failed",
                ["queue_position"] = 0,
                ["enqueued_at"] = job.EnqueuedAtText,
                ["request"] = job.Build.Request.ToJson(),
            });
        }
        catch (Exception e) when (ErrorKinds.IsUserCaused(e))
        {
            _log.Line($"build {job.Hash[..12]}: its failure could not be recorded: {ErrorKinds.Message(e)}");
        }
    }

    /// <summary>Stops taking builds; running ones get <paramref name="grace"/> to finish before they are cancelled.</summary>
    public void Shutdown(TimeSpan grace) => _queue.Shutdown(grace);

    public void Dispose() => _queue.Dispose();
}
