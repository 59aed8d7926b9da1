using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Build.Steps;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;

namespace Kiln.Build.Scheduling;

/// <summary>A node that failed: which step, and the command and log when a recipe failed.</summary>
public sealed record NodeFailure(string Node, string Message, StepFailure? Step);

/// <summary>
/// Runs a plan's nodes in dependency order, independent ones at the same time: as many as the
/// jobserver has slots (the first runs on Kiln's own slot, each further one takes a slot, as a
/// make does for its jobs). After a failure no new node starts; those running finish.
/// </summary>
public sealed class BuildScheduler(BuildContext context, BuildRun run)
{
    /// <param name="lastStep">How far the requested nodes go (their dependencies always go all the way).</param>
    public IReadOnlyList<NodeFailure> Run(BuildPlan plan, StepKind lastStep)
    {
        CheckAcyclic(plan.Nodes);
        // --step stops only what was asked for; what other nodes need is built all the way.
        var requested = plan.Requested.Where(n => !plan.Nodes.Any(other => other.Dependencies.Contains(n))).ToHashSet();
        var remaining = plan.Nodes.ToDictionary(n => n, n => n.Dependencies.Distinct().Count());
        var dependents = plan.Nodes.ToDictionary(n => n, _ => new List<BuildNode>());
        foreach (var node in plan.Nodes)
            foreach (var dependency in node.Dependencies.Distinct()) dependents[dependency].Add(node);

        var gate = new object();
        var ready = new Queue<BuildNode>(plan.Nodes.Where(n => remaining[n] == 0).OrderBy(n => n.Name, StringComparer.Ordinal));
        var failures = new List<NodeFailure>();
        var running = 0;
        var finished = 0;
        run.Observer.Planned(plan.Nodes.Count);

        var workers = new List<Thread>();
        while (true)
        {
            BuildNode? next;
            lock (gate)
            {
                while (ready.Count == 0 && running > 0 && failures.Count == 0) Monitor.Wait(gate);
                if (failures.Count > 0 || run.Cancel.IsCancellationRequested || (ready.Count == 0 && running == 0)) break;
                next = ready.Dequeue();
                running++;
            }
            var extraSlot = false;
            lock (gate) extraSlot = running > 1;
            if (extraSlot) context.Jobserver.Acquire();
            var node = next;
            var thread = LargeStack.NewThread(() =>
            {
                NodeFailure? failure = null;
                try
                {
                    node.Build(context, run, requested.Contains(node) ? lastStep : StepKind.InstallDev);
                }
                catch (StepFailure e)
                {
                    failure = new NodeFailure(node.Name, e.Message, e);
                }
                catch (UserError e)
                {
                    failure = new NodeFailure(node.Name, e.Message, null);
                }
                catch (OperationCanceledException)
                {
                    failure = new NodeFailure(node.Name, "interrupted", null);
                }
                finally
                {
                    if (extraSlot) context.Jobserver.Release();
                }
                run.Observer.NodeFinished(node.Name, failure is null);
                lock (gate)
                {
                    running--;
                    finished++;
                    if (failure is not null) failures.Add(failure);
                    else
                        foreach (var dependent in dependents[node])
                            if (--remaining[dependent] == 0) ready.Enqueue(dependent);
                    Monitor.PulseAll(gate);
                }
            });
            workers.Add(thread);
            thread.Start();
        }
        foreach (var worker in workers) worker.Join();
        return failures;
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
}
