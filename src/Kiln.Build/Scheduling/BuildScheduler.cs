using System.Runtime.ExceptionServices;
using Kiln.Build.Cache;
using Kiln.Build.Recipes;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;

namespace Kiln.Build.Scheduling;

/// <summary>A node that failed: why, the step's failure when a recipe failed, and the exception when Kiln itself failed.</summary>
/// <param name="InternalError">An exception that is no user error (a bug): its message is in <paramref name="Message"/>, its whole text is for a
/// log.</param>
public sealed record NodeFailure(string Node, string Message, StepFailure? Step = null, Exception? InternalError = null);

/// <summary>How a run of the scheduler ended.</summary>
/// <param name="Interrupted">Cancellation left nodes unfinished.</param>
/// <param name="Cache">What the build cache did, when there was one.</param>
public sealed record BuildResult(IReadOnlyList<NodeFailure> Failures, bool Interrupted, CacheReport? Cache = null)
{
    public bool Succeeded => Failures.Count == 0 && !Interrupted;
}

/// <summary>
/// Runs a graph of nodes in dependency order, independent ones at the same time: as many as the
/// job slots allow (the first runs on Kiln's own slot, each further one takes a slot, as a make
/// does for its jobs). Ready nodes start in name order. After a failure or a cancellation no new
/// node starts; those running finish. Whatever a node throws is that node's failure.
/// </summary>
/// <param name="keepGoing">As make's -k: after a failure the nodes that do not need the failed one still run, and each node that needs it
/// (directly or not) is a failure of its own, naming the dependency that failed.</param>
public sealed class BuildScheduler(IJobSlots slots, IBuildObserver observer, bool keepGoing = false)
{
    /// <summary>Runs <paramref name="nodes"/> and the nodes they depend on, also those not in the list.</summary>
    /// <exception cref="UserError">The nodes depend on each other in a loop (then nothing runs).</exception>
    /// <remarks>An exception of the job slots (a broken jobserver) stops the run and comes out once the running nodes have ended.</remarks>
    public BuildResult Run(IReadOnlyList<BuildNode> nodes, CancellationToken cancel)
    {
        var graph = WithDependencies(nodes);
        CheckAcyclic(graph);
        observer.Planned(graph.Count);
        return new Execution(graph, slots, observer, keepGoing, cancel).Run();
    }

    private static List<BuildNode> WithDependencies(IReadOnlyList<BuildNode> nodes)
    {
        var graph = nodes.Distinct().ToList();
        var seen = graph.ToHashSet();
        for (var i = 0; i < graph.Count; i++)
            foreach (var dependency in graph[i].Dependencies)
                if (seen.Add(dependency)) graph.Add(dependency);
        return graph;
    }

    private static void CheckAcyclic(IReadOnlyList<BuildNode> nodes)
    {
        var state = new Dictionary<BuildNode, int>();
        void Visit(BuildNode node, List<BuildNode> path)
        {
            if (state.GetValueOrDefault(node) == 2) return;
            if (state.GetValueOrDefault(node) == 1)
                throw new UserError("dependency loop: " + string.Join(" -> ", path.SkipWhile(n => n != node).Append(node)));
            state[node] = 1;
            path.Add(node);
            foreach (var dependency in node.Dependencies) Visit(dependency, path);
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
        foreach (var node in nodes) Visit(node, []);
    }

    /// <summary>
    /// One run. Only the scheduler's thread starts nodes and gives slots back. Like a make, it holds
    /// one slot for each running node beyond the first, whichever node ended: the slot of a node
    /// that ends serves the next ready one. A slot is taken on a thread of its own, so that the
    /// scheduler still hears of nodes ending meanwhile and starts ready ones on the slots they
    /// leave, rather than wait on the jobserver for a slot it already has.
    /// </summary>
    private sealed class Execution
    {
        private readonly IJobSlots _slots;
        private readonly IBuildObserver _observer;
        private readonly CancellationToken _cancel;
        private readonly bool _keepGoing;
        private readonly int _total;
        private readonly Dictionary<BuildNode, int> _rank;
        private readonly Dictionary<BuildNode, int> _unfinishedDependencies;
        private readonly Dictionary<BuildNode, List<BuildNode>> _dependents;
        private readonly PriorityQueue<BuildNode, int> _ready = new();
        private readonly List<NodeFailure> _failures = [];
        private readonly HashSet<BuildNode> _blocked = [];
        private readonly List<Thread> _workers = [];
        private readonly object _gate = new();
        private int _running;
        private int _succeeded;
        private int _slotsHeld;
        private bool _acquiring;
        private ExceptionDispatchInfo? _slotError;

        public Execution(List<BuildNode> graph, IJobSlots slots, IBuildObserver observer, bool keepGoing, CancellationToken cancel)
        {
            (_slots, _observer, _keepGoing, _cancel, _total) = (slots, observer, keepGoing, cancel, graph.Count);
            _rank = graph.OrderBy(n => n.Name, StringComparer.Ordinal).Select((node, rank) => (node, rank)).ToDictionary(p => p.node, p => p.rank);
            _unfinishedDependencies = graph.ToDictionary(n => n, n => n.Dependencies.Distinct().Count());
            _dependents = graph.ToDictionary(n => n, _ => new List<BuildNode>());
            foreach (var node in graph)
                foreach (var dependency in node.Dependencies.Distinct()) _dependents[dependency].Add(node);
            foreach (var node in graph.Where(n => _unfinishedDependencies[n] == 0)) _ready.Enqueue(node, _rank[node]);
        }

        public BuildResult Run()
        {
            lock (_gate)
            {
                while (true)
                {
                    var stopping = (_failures.Count > 0 && !_keepGoing) || _slotError is not null || _cancel.IsCancellationRequested;
                    var spareSlots = _slotsHeld - Math.Max(_running - 1, 0);
                    if (!stopping && _ready.Count > 0 && (_running == 0 || spareSlots > 0))
                    {
                        Start(_ready.Dequeue());
                        continue;
                    }
                    if (spareSlots > 0) GiveBack(spareSlots);
                    // A slot being taken is waited for even when stopping, to give it back (all come back once the nodes end).
                    if (_running == 0 && (!_acquiring || _slotError is not null) && (stopping || _ready.Count == 0)) break;
                    if (!stopping && _ready.Count > 0 && !_acquiring && _slots.Jobs > 1) AcquireInBackground();
                    Monitor.Wait(_gate);
                }
            }
            foreach (var worker in _workers) worker.Join();
            _slotError?.Throw();
            return new BuildResult(_failures, _cancel.IsCancellationRequested && _succeeded < _total);
        }

        private void Start(BuildNode node)
        {
            _running++;
            var worker = LargeStack.NewThread(() => Work(node));
            _workers.Add(worker);
            worker.Start();
        }

        /// <summary>Runs a node on its worker thread; nothing it throws leaves the thread.</summary>
        private void Work(BuildNode node)
        {
            NodeFailure? failure = null;
            var interrupted = false;
            try
            {
                node.Run(_cancel);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                interrupted = true;
            }
            catch (Exception e)
            {
                failure = Failure(node, e);
            }
            try
            {
                _observer.NodeFinished(node.Name, failure is null && !interrupted);
            }
            catch (Exception e)
            {
                failure ??= Failure(node, e);
            }
            lock (_gate)
            {
                _running--;
                if (failure is not null)
                {
                    _failures.Add(failure);
                    if (_keepGoing) FailDependents(node, node.Name);
                }
                else if (!interrupted)
                {
                    _succeeded++;
                    foreach (var dependent in _dependents[node])
                        if (--_unfinishedDependencies[dependent] == 0) _ready.Enqueue(dependent, _rank[dependent]);
                }
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Under keep-going, every node that needs a failed one (directly or not) fails too, once, naming the node whose own
        /// failure kept it from running.</summary>
        private void FailDependents(BuildNode failed, string cause)
        {
            foreach (var dependent in _dependents[failed])
            {
                if (!_blocked.Add(dependent)) continue;
                _failures.Add(new NodeFailure(dependent.Name, $"not built: {cause} failed"));
                FailDependents(dependent, cause);
            }
        }

        private static NodeFailure Failure(BuildNode node, Exception e) => e switch
        {
            StepFailure step => new NodeFailure(node.Name, step.Message, step),
            _ when ErrorKinds.IsUserCaused(e) => new NodeFailure(node.Name, ErrorKinds.Message(e)),
            _ => new NodeFailure(node.Name, $"internal error: {e.GetType().FullName}: {e.Message}", InternalError: e),
        };

        private void AcquireInBackground()
        {
            _acquiring = true;
            new Thread(() =>
            {
                ExceptionDispatchInfo? error = null;
                try
                {
                    _slots.Acquire();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
                lock (_gate)
                {
                    if (error is null) _slotsHeld++;
                    else _slotError ??= error;
                    _acquiring = false;
                    Monitor.PulseAll(_gate);
                }
            }) { IsBackground = true, Name = "kiln job slot" }.Start();
        }

        private void GiveBack(int count)
        {
            try
            {
                for (; count > 0; count--)
                {
                    _slots.Release();
                    _slotsHeld--;
                }
            }
            catch (Exception e)
            {
                _slotError ??= ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
