using System.Runtime.ExceptionServices;

namespace Kiln.Core.Parallel;

/// <summary>
/// Runs evaluation on a thread with a large stack: expansion is recursive, and deeply recursive
/// makefile functions must reach the depth limit and fail cleanly rather than overflow.
/// </summary>
public static class LargeStack
{
    public const int StackSize = 512 * 1024 * 1024;

    [ThreadStatic]
    private static bool _onLargeStack;

    /// <summary>A thread with a large stack (<paramref name="stackSize"/>) on which <see cref="Run{T}"/> runs its work in place.</summary>
    public static Thread NewThread(Action work, int stackSize = StackSize) => new(() =>
    {
        _onLargeStack = true;
        work();
    }, stackSize);

    /// <summary>Runs <paramref name="work"/> on a large stack: in place when this thread has one, else on a new thread.</summary>
    public static T Run<T>(Func<T> work)
    {
        if (_onLargeStack) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = NewThread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
