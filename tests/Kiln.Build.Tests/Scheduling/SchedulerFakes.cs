using Kiln.Build.Scheduling;

namespace Kiln.Build.Tests.Scheduling;

/// <summary>What fake nodes did, from any thread: "start NAME" and "end NAME" in the order they happened, and how many ran at once.</summary>
internal sealed class RunLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];
    private int _running;
    private int _maxRunning;

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate) return _events.ToList();
        }
    }

    /// <summary>The nodes that started, in order.</summary>
    public IReadOnlyList<string> Started => Events.Where(e => e.StartsWith("start ", StringComparison.Ordinal)).Select(e => e[6..]).ToList();

    public int Running
    {
        get
        {
            lock (_gate) return _running;
        }
    }

    public int MaxRunning
    {
        get
        {
            lock (_gate) return _maxRunning;
        }
    }

    public bool HasStarted(string node) => Events.Contains("start " + node);

    public void Start(string node)
    {
        lock (_gate)
        {
            _events.Add("start " + node);
            _maxRunning = Math.Max(_maxRunning, ++_running);
        }
    }

    public void End(string node)
    {
        lock (_gate)
        {
            _events.Add("end " + node);
            _running--;
        }
    }
}

/// <summary>A node that logs its start and end and does what the test gives it in between (ninja's fake command runner).</summary>
internal sealed class FakeNode(string name, RunLog log, Action<CancellationToken>? work = null) : BuildNode(name)
{
    public FakeNode After(params BuildNode[] dependencies)
    {
        Dependencies.AddRange(dependencies);
        return this;
    }

    public override void Run(CancellationToken cancel)
    {
        log.Start(Name);
        try
        {
            work?.Invoke(cancel);
        }
        finally
        {
            log.End(Name);
        }
    }
}

/// <summary>Job slots as a jobserver with <paramref name="jobs"/> jobs has them, counting how many are taken and who waits.</summary>
internal sealed class CountingSlots(int jobs) : IJobSlots
{
    private readonly object _gate = new();
    private int _free = jobs - 1;
    private int _held;
    private int _maxHeld;
    private int _waiting;
    private int _acquired;

    public int Jobs => jobs;

    /// <summary>Slots taken and not given back.</summary>
    public int Held
    {
        get
        {
            lock (_gate) return _held;
        }
    }

    public int MaxHeld
    {
        get
        {
            lock (_gate) return _maxHeld;
        }
    }

    /// <summary>Threads waiting in <see cref="Acquire"/> for a slot.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate) return _waiting;
        }
    }

    public int Acquired
    {
        get
        {
            lock (_gate) return _acquired;
        }
    }

    public void Acquire()
    {
        lock (_gate)
        {
            _waiting++;
            while (_free == 0) Monitor.Wait(_gate);
            _waiting--;
            _free--;
            _acquired++;
            _maxHeld = Math.Max(_maxHeld, ++_held);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            if (_held == 0) throw new InvalidOperationException("a slot given back that was not taken");
            _held--;
            _free++;
            Monitor.PulseAll(_gate);
        }
    }
}

internal static class Wait
{
    /// <summary>Waits until <paramref name="condition"/> holds; throws (failing the node or the test) when it does not within seconds.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(5))) throw new TimeoutException("waited in vain until " + what);
    }
}
