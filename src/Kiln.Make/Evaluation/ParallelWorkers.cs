namespace Kiln.Make.Evaluation;

/// <summary>
/// Runs independent evaluations on a fixed set of threads with large stacks (see
/// <see cref="LargeStack"/>); items are claimed in order, so the first ones finish first.
/// </summary>
public static class ParallelWorkers
{
    public const int StackSize = 256 * 1024 * 1024;

    public static void Run(int count, int parallelism, Action<int> work)
    {
        if (parallelism <= 0) parallelism = Environment.ProcessorCount;
        parallelism = Math.Max(1, Math.Min(parallelism, count));
        var next = -1;
        Exception? failure = null;
        var threads = new Thread[parallelism];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                try
                {
                    int i;
                    while (Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < count) work(i);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }, StackSize);
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
