using Kiln.Build.Recipes;
using Kiln.Build.Scheduling;
using Kiln.Core.Errors;

namespace Kiln.Build.Tests.Scheduling;

/// <summary>
/// The scheduler over fake nodes and job slots, without processes (as ninja's build_test.cc runs
/// its plans with a fake command runner): order, parallelism, failures, cancellation, loops.
/// </summary>
public sealed class BuildSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly RunLog _log = new();
    private readonly RecordingObserver _observer = new();

    private FakeNode Node(string name, Action<CancellationToken>? work = null) => new(name, _log, work);

    private BuildResult Run(int jobs, params BuildNode[] nodes) => Run(new CountingSlots(jobs), CancellationToken.None, nodes);

    private BuildResult Run(IJobSlots slots, CancellationToken cancel, params BuildNode[] nodes) => new BuildScheduler(slots, _observer)
        .Run(nodes, cancel);

    /// <summary>Runs the scheduler on a thread of its own (not the pool's, which the test runner keeps busy), for a test that acts while it
    /// runs.</summary>
    private static Task<BuildResult> InBackground(Func<BuildResult> run) => Task.Factory.StartNew(run, TaskCreationOptions.LongRunning);

    private static string Describe(BuildResult result) => string.Join("\n", result.Failures.Select(f => $"{f.Node}: {f.Message}"));

    [Fact]
    public void AChainRunsInDependencyOrder()
    {
        var a = Node("a");
        var b = Node("b").After(a);
        var c = Node("c").After(b);
        var result = Run(4, c, b, a);
        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(["start a", "end a", "start b", "end b", "start c", "end c"], _log.Events);
    }

    [Fact]
    public void ADiamondRunsItsBottomFirstAndItsTopLastOnceEach()
    {
        var bottom = Node("bottom");
        var left = Node("left").After(bottom);
        var right = Node("right").After(bottom);
        var top = Node("top").After(left, right);
        var result = Run(4, top, left, right, bottom);
        Assert.True(result.Succeeded, Describe(result));
        var events = _log.Events;
        Assert.Equal(["bottom", "left", "right", "top"], _log.Started.Order(StringComparer.Ordinal));
        Assert.Equal(["start bottom", "end bottom"], events.Take(2));
        Assert.Equal(["start top", "end top"], events.TakeLast(2));
    }

    [Fact]
    public async Task IndependentNodesRunTogetherButNeverMoreThanTheJobs()
    {
        using var proceed = new ManualResetEventSlim();
        var slots = new CountingSlots(3);
        var nodes = "abcdef".Select(n => Node(n.ToString(), _ => Assert.True(proceed.Wait(Patience)))).ToArray();
        var running = InBackground(() => Run(slots, CancellationToken.None, nodes));

        // Three run, and the scheduler is held back waiting for a fourth slot.
        Wait.Until(() => _log.Running == 3 && slots.Waiting == 1, "three nodes run and a fourth waits for a slot");
        Assert.Equal(3, _log.Running);
        proceed.Set();
        var result = await running.WaitAsync(Patience);
        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(6, _log.Started.Count);
        Assert.Equal(3, _log.MaxRunning);
        Assert.Equal(2, slots.MaxHeld);
        Assert.Equal(0, slots.Held);
    }

    [Fact]
    public void WithOneJobNodesRunOneAtATimeWithoutTakingSlots()
    {
        var slots = new CountingSlots(1);
        var a = Node("a");
        var result = Run(slots, CancellationToken.None, Node("c"), Node("b1"), Node("b2").After(a), a);
        Assert.True(result.Succeeded, Describe(result));
        // b2 becomes ready after a, and still starts before c.
        Assert.Equal(["start a", "end a", "start b1", "end b1", "start b2", "end b2", "start c", "end c"], _log.Events);
        Assert.Equal(0, slots.Acquired);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ReadyNodesStartInNameOrderWhateverOrderTheyAreGivenIn(int jobs)
    {
        string[] names = ["delta", "alpha", "charlie", "bravo"];
        string[][] orders = [names, [.. Enumerable.Reverse(names)], ["bravo", "delta", "alpha", "charlie"]];
        foreach (var order in orders)
        {
            var log = new RunLog();
            var result = new BuildScheduler(new CountingSlots(jobs), new RecordingObserver())
                .Run(order.Select(n => new FakeNode(n, log)).ToArray(), CancellationToken.None);
            Assert.True(result.Succeeded, Describe(result));
            Assert.Equal(["alpha", "bravo", "charlie", "delta"], log.Started);
        }
    }

    [Fact]
    public void WhenTheFirstNodeEndsANewOneRunsAlongsideTheOther()
    {
        var slots = new CountingSlots(2);
        var result = Run(slots, CancellationToken.None,
            Node("a", _ => Wait.Until(() => _log.HasStarted("b"), "b runs")),
            // c must start while b runs: on the slot a leaves, although b holds the only one there is to take.
            Node("b", _ => Wait.Until(() => _log.HasStarted("c"), "c runs")),
            Node("c"));
        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(2, _log.MaxRunning);
        Assert.Equal(1, slots.MaxHeld);
        Assert.Equal(0, slots.Held);
    }

    [Fact]
    public void AFailureStopsNewWorkButLetsRunningNodesFinish()
    {
        var slots = new CountingSlots(2);
        var a = Node("a", _ =>
        {
            Wait.Until(() => _log.HasStarted("b"), "b runs");
            throw new UserError("a broke");
        });
        // b outlasts a's failure: the scheduler gives b's slot back once it starts nothing more.
        var b = Node("b", _ => Wait.Until(() => slots.Held == 0, "the slot is given back"));
        var result = Run(slots, CancellationToken.None, a, b, Node("c"), Node("d").After(a), Node("e").After(b));
        Assert.Equal([("a", "a broke")], result.Failures.Select(f => (f.Node, f.Message)));
        Assert.False(result.Interrupted);
        Assert.Equal(["a", "b"], _log.Started.Order(StringComparer.Ordinal));
        Assert.Contains("end b", _log.Events);
        Assert.Contains(("b", true), _observer.Finished);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void KeepingGoingRunsWhatDoesNotNeedTheFailureAndFailsWhatDoesNamingIt(int jobs)
    {
        var a = Node("a", _ => throw new UserError("a broke"));
        var b = Node("b");
        var d = Node("d").After(a);
        var result = new BuildScheduler(new CountingSlots(jobs), _observer, keepGoing: true)
            .Run([a, b, Node("c").After(b), d, Node("e").After(d, b), Node("f").After(a, d)], CancellationToken.None);
        Assert.Equal(["a: a broke", "d: not built: a failed", "e: not built: a failed", "f: not built: a failed"],
            result.Failures.Select(f => $"{f.Node}: {f.Message}").Order(StringComparer.Ordinal));
        Assert.False(result.Interrupted);
        Assert.Equal(["a", "b", "c"], _log.Started.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryFailureOfNodesRunningTogetherIsReported()
    {
        using var together = new Barrier(3);
        void Meet() => Assert.True(together.SignalAndWait(Patience));
        var a = Node("a", _ =>
        {
            Meet();
            throw new UserError("a broke");
        });
        var b = Node("b", _ =>
        {
            Meet();
            throw new InvalidOperationException("b broke");
        });
        var result = Run(3, a, b, Node("c", _ => Meet()), Node("d").After(a));
        Assert.Equal(["a: a broke", "b: internal error: System.InvalidOperationException: b broke"],
            result.Failures.Select(f => $"{f.Node}: {f.Message}").Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b", "c"], _log.Started.Order(StringComparer.Ordinal));
        Assert.Contains(("c", true), _observer.Finished);
    }

    [Fact]
    public void ADependencyLoopIsNamedWithItsPathAndNothingRuns()
    {
        var a = Node("a");
        var b = Node("b").After(a);
        var c = Node("c").After(b);
        a.After(c);
        var error = Assert.Throws<UserError>(() => Run(4, Node("x"), a, b, c));
        Assert.Equal("dependency loop: a -> c -> b -> a", error.Message);
        Assert.Empty(_log.Events);
        Assert.Null(_observer.PlannedNodes);
    }

    [Fact]
    public void CancelledBeforeTheStartNothingRunsAndTheResultSaysInterrupted()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = Run(new CountingSlots(2), cancel.Token, Node("a"), Node("b"));
        Assert.True(result.Interrupted);
        Assert.Empty(result.Failures);
        Assert.Empty(_log.Events);
        Assert.Equal(2, _observer.PlannedNodes);
    }

    [Fact]
    public async Task CancellingDuringARunStopsTheRunningNodeAndStartsNothingNew()
    {
        using var cancel = new CancellationTokenSource();
        var a = Node("a", token =>
        {
            Assert.True(token.WaitHandle.WaitOne(Patience));
            token.ThrowIfCancellationRequested();
        });
        var running = InBackground(() => Run(new CountingSlots(1), cancel.Token, a, Node("b").After(a), Node("c")));
        Wait.Until(() => _log.HasStarted("a"), "a runs");
        cancel.Cancel();
        var result = await running.WaitAsync(Patience);
        Assert.True(result.Interrupted);
        Assert.Empty(result.Failures);
        Assert.Equal(["a"], _log.Started);
        Assert.Equal([("a", false)], _observer.Finished);
    }

    [Fact]
    public void ANodeThatEndsWellAfterACancellationSucceedsButNothingNewStarts()
    {
        using var cancel = new CancellationTokenSource();
        var a = Node("a", _ => cancel.Cancel());
        var result = Run(new CountingSlots(2), cancel.Token, a, Node("b").After(a));
        Assert.True(result.Interrupted);
        Assert.Empty(result.Failures);
        Assert.Equal(["a"], _log.Started);
        Assert.Equal([("a", true)], _observer.Finished);
    }

    [Theory]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(UnauthorizedAccessException))]
    public void AFileSystemProblemInANodeIsItsFailureWithTheMessageAsItIs(Type type)
    {
        // A file where a directory belongs, no permission: the user's to fix, so no bug report.
        var a = Node("a", _ => throw (Exception)Activator.CreateInstance(type, "Could not find a part of the path '/tree/logs/a'.")!);
        var failure = Assert.Single(Run(2, a).Failures);
        Assert.Equal("Could not find a part of the path '/tree/logs/a'.", failure.Message);
        Assert.Null(failure.InternalError);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(OperationCanceledException))] // not the build's cancellation: a bug like the others
    public void AnyOtherExceptionInANodeIsThatNodesInternalError(Type type)
    {
        var thrown = (Exception)Activator.CreateInstance(type, "boom")!;
        var a = Node("a", _ => throw thrown);
        var result = Run(2, a, Node("b").After(a));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("a", failure.Node);
        Assert.Equal($"internal error: {type.FullName}: boom", failure.Message);
        Assert.Null(failure.Step);
        Assert.Same(thrown, failure.InternalError);
        // The stack trace stays on the record, for a log.
        Assert.Contains($"{typeof(FakeNode).FullName}.Run", thrown.ToString());
        Assert.False(result.Interrupted);
        Assert.Equal(["a"], _log.Started);
        Assert.Equal([("a", false)], _observer.Finished);
    }

    [Fact]
    public void AUserErrorIsReportedWithItsMessageAsItIs()
    {
        const string message = "package 'libfoo' (needed by bar) is not in the tree or its feeds\n  see feeds.conf";
        var result = Run(1, Node("a", _ => throw new UserError(message)));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("a", message), (failure.Node, failure.Message));
        Assert.Null(failure.Step);
        Assert.Null(failure.InternalError);
    }

    [Fact]
    public void AFailedStepKeepsItsCommandAndLog()
    {
        var step = new StepFailure("make -C src", 2, "/nonexistent/compile.txt");
        var result = Run(1, Node("a", _ => throw step));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("command failed with exit status 2: make -C src", failure.Message);
        Assert.Same(step, failure.Step);
        Assert.Null(failure.InternalError);
    }

    [Fact]
    public void AnEmptyGraphSucceedsWithNothingRun()
    {
        var slots = new CountingSlots(2);
        var result = Run(slots, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(0, _observer.PlannedNodes);
        Assert.Empty(_observer.Finished);
        Assert.Equal(0, slots.Acquired);
    }

    [Fact]
    public void ADependencyLeftOutOfTheListRunsToo()
    {
        var a = Node("a");
        var result = Run(2, Node("b").After(a));
        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(["start a", "end a", "start b", "end b"], _log.Events);
        Assert.Equal(2, _observer.PlannedNodes);
    }

    [Fact]
    public void TheObserverHearsThePlanSizeAndHowEachNodeThatRanEnded()
    {
        var broken = Node("c", _ => throw new UserError("no"));
        Run(1, Node("a"), Node("b"), broken, Node("d").After(broken));
        Assert.Equal(4, _observer.PlannedNodes);
        Assert.Equal([("a", true), ("b", true), ("c", false)], _observer.Finished);
    }

    [Fact]
    public void AnObserverThatThrowsFailsTheNodeNotTheProcess()
    {
        var a = Node("a");
        var result = new BuildScheduler(new CountingSlots(2), new ThrowingObserver()).Run([a, Node("b").After(a)], CancellationToken.None);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("a", "internal error: System.InvalidOperationException: display broke"), (failure.Node, failure.Message));
        Assert.Equal(["a"], _log.Started);
    }

    [Fact]
    public void ASlotThatCannotBeTakenEndsTheRunWithItsErrorOnceRunningNodesEnd()
    {
        var slots = new BrokenSlots();
        var a = Node("a", _ => Wait.Until(() => slots.Attempts > 0, "a slot is asked for"));
        var error = Assert.Throws<IOException>(() => Run(slots, CancellationToken.None, a, Node("b")));
        Assert.Equal("jobserver read failed", error.Message);
        // b never ran beside a; it may still run on Kiln's own slot if a ends before the failed
        // slot is reported, which is as make behaves.
        Assert.Equal(["start a", "end a"], _log.Events.Take(2));
        Assert.Equal(1, _log.MaxRunning);
    }

    private sealed class ThrowingObserver : IBuildObserver
    {
        public void Planned(int nodes) { }

        public void StepStarted(string node, string step, string why) { }

        public void StepUpToDate(string node, string step) { }

        public void StepFromCache(string node, string step) { }

        public void CacheMissed(string node, string why) { }

        public void NodeFinished(string node, bool succeeded) => throw new InvalidOperationException("display broke");

        public void Message(string text) { }
    }

    private sealed class BrokenSlots : IJobSlots
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public int Jobs => 2;

        public void Acquire()
        {
            Interlocked.Increment(ref _attempts);
            throw new IOException("jobserver read failed");
        }

        public void Release() => throw new InvalidOperationException("nothing was taken");
    }
}
