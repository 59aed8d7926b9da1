using System.Text.Json.Nodes;
using Kiln.Service.Requests;
using Kiln.Service.Serving;

namespace Kiln.Service.Jobs;

/// <summary>
/// The bounded queue of builds and the workers that run them, N at once. A request whose build is already queued or
/// running joins it (one job per request hash); a full queue refuses new builds. Whatever a job throws ends that job
/// as failed, recorded in the store; the workers and the service go on.
/// </summary>
public sealed class BuildQueue : IDisposable
{
    private readonly object _lock = new();
    private readonly LinkedList<BuildJob> _queued = new();
    private readonly Dictionary<string, BuildJob> _active = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly Func<BuildJob, CancellationToken, JsonObject> _run;
    private readonly Action<BuildJob, Exception> _fail;
    private readonly List<Thread> _workers = [];
    private bool _closed;

    /// <param name="run">Makes a job's images and stores them; returns the answer.</param>
    /// <param name="fail">Records a job's failure.</param>
    public BuildQueue(int workers, int capacity, Func<BuildJob, CancellationToken, JsonObject> run, Action<BuildJob, Exception> fail)
    {
        _capacity = capacity;
        _run = run;
        _fail = fail;
        for (var i = 0; i < workers; i++)
        {
            var thread = new Thread(Work) { Name = $"kiln-serve-worker-{i + 1}", IsBackground = true };
            _workers.Add(thread);
            thread.Start();
        }
    }

    /// <summary>Builds waiting (not running).</summary>
    public int Length
    {
        get
        {
            lock (_lock) return _queued.Count;
        }
    }

    /// <summary>The job of a request already queued or running, else a new job queued; a problem when the queue is full or closed.</summary>
    public (BuildJob? Job, ApiProblem? Problem) Submit(ValidatedBuild build)
    {
        lock (_lock)
        {
            if (_active.TryGetValue(build.Hash, out var known)) return (known, null);
            if (_closed) return (null, new ApiProblem(503, "the server is shutting down"));
            if (_queued.Count >= _capacity)
                return (null, new ApiProblem(429, $"server overload, queue contains too many build requests: {_queued.Count}")
                {
                    Extra = new Dictionary<string, JsonNode> { ["queue_length"] = _queued.Count },
                });
            var job = new BuildJob(build, DateTimeOffset.UtcNow);
            _active[build.Hash] = job;
            _queued.AddLast(job);
            Monitor.Pulse(_lock);
            return (job, null);
        }
    }

    /// <summary>The job of a request hash while it is queued or running.</summary>
    public BuildJob? Find(string hash)
    {
        lock (_lock) return _active.GetValueOrDefault(hash);
    }

    /// <summary>How many queued jobs are ahead of this one (rq's position: 0 is next); 0 once it runs.</summary>
    public int Position(BuildJob job)
    {
        lock (_lock)
        {
            var position = 0;
            for (var node = _queued.First; node is not null; node = node.Next, position++)
                if (node.Value == job) return position;
            return 0;
        }
    }

    /// <summary>
    /// Stops taking builds: the queued ones are dropped, the running ones get <paramref name="grace"/> to finish and
    /// are then cancelled; returns when every worker has stopped.
    /// </summary>
    public void Shutdown(TimeSpan grace)
    {
        List<BuildJob> running;
        lock (_lock)
        {
            _closed = true;
            foreach (var job in _queued) _active.Remove(job.Hash);
            _queued.Clear();
            running = [.. _active.Values];
            Monitor.PulseAll(_lock);
        }
        var deadline = DateTime.UtcNow + grace;
        foreach (var worker in _workers)
            if (!worker.Join(Remaining(deadline)))
                break;
        foreach (var job in running) job.Cancel.Cancel();
        foreach (var worker in _workers) worker.Join();
    }

    private static TimeSpan Remaining(DateTime deadline) => deadline > DateTime.UtcNow ? deadline - DateTime.UtcNow : TimeSpan.Zero;

    private void Work()
    {
        while (Next() is { } job)
        {
            try
            {
                job.Status = "init";
                _run(job, job.Cancel.Token);
                job.Status = "done";
            }
            catch (Exception e)
            {
                // Any failure is this job's: recorded, and the worker takes the next.
                job.Status = "failed";
                _fail(job, e);
            }
            finally
            {
                lock (_lock) _active.Remove(job.Hash);
            }
        }
    }

    private BuildJob? Next()
    {
        lock (_lock)
        {
            while (_queued.Count == 0 && !_closed) Monitor.Wait(_lock);
            if (_queued.Count == 0) return null;
            var job = _queued.First!.Value;
            _queued.RemoveFirst();
            return job;
        }
    }

    public void Dispose() => Shutdown(TimeSpan.Zero);
}
