namespace Kiln.Core.Parallel;

/// <summary>
/// Runs independent evaluations on a fixed set of threads with large stacks (see
/// <see cref="LargeStack"/>); items are claimed in order, so the first ones finish first.
/// </summary>
public static class ParallelWorkers
{
    public const int StackSize = 256 * 1024 * 1024;

    public static void Run(int count, int parallelism, Action<int> work) =>
        RunEach(Enumerable.Range(0, count), Math.Min(Threads(parallelism), Math.Max(count, 1)), (i, _) => work(i));

    /// <summary>
    /// Runs <paramref name="work"/> on each item with its position in <paramref name="items"/>. The
    /// items are drawn one at a time by whichever thread is free, so producing them (a directory
    /// walk, say) shares the threads with the work instead of coming before it.
    /// </summary>
    public static void RunEach<T>(IEnumerable<T> items, int parallelism, Action<T, int> work)
    {
        using var source = items.GetEnumerator();
        var gate = new Lock();
        var next = 0;
        Exception? failure = null;
        var threads = new Thread[Threads(parallelism)];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = LargeStack.NewThread(() =>
            {
                try
                {
                    while (Volatile.Read(ref failure) is null)
                    {
                        T item;
                        int index;
                        lock (gate)
                        {
                            if (!source.MoveNext()) return;
                            item = source.Current;
                            index = next++;
                        }
                        work(item, index);
                    }
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

    /// <summary>
    /// Like <see cref="RunEach{T}"/>, but the work may add items (its second argument). Added items
    /// come before the remaining ones, the last added first, so that what a piece of work finds
    /// to do next is done while the rest is still being drawn.
    /// </summary>
    public static void RunQueue<T>(IEnumerable<T> items, int parallelism, Action<T, Action<T>> work)
    {
        using var source = items.GetEnumerator();
        var gate = new object();
        var added = new Stack<T>();
        var drawnAll = false;
        var busy = 0;
        Exception? failure = null;
        void Add(T item)
        {
            lock (gate)
            {
                added.Push(item);
                Monitor.Pulse(gate);
            }
        }
        var threads = new Thread[Threads(parallelism)];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = LargeStack.NewThread(() =>
            {
                while (true)
                {
                    T item;
                    lock (gate)
                    {
                        while (true)
                        {
                            if (failure is not null) return;
                            if (added.Count > 0)
                            {
                                item = added.Pop();
                                break;
                            }
                            if (!drawnAll)
                            {
                                if (source.MoveNext())
                                {
                                    item = source.Current;
                                    break;
                                }
                                drawnAll = true;
                            }
                            // Nothing left unless a piece of work still running adds some.
                            if (busy == 0)
                            {
                                Monitor.PulseAll(gate);
                                return;
                            }
                            Monitor.Wait(gate);
                        }
                        busy++;
                    }
                    try
                    {
                        work(item, Add);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                    }
                    finally
                    {
                        lock (gate)
                        {
                            busy--;
                            Monitor.PulseAll(gate);
                        }
                    }
                }
            }, StackSize);
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private static int Threads(int parallelism) => parallelism <= 0 ? Environment.ProcessorCount : parallelism;
}
