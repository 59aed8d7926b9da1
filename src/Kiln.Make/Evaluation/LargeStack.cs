using System.Runtime.ExceptionServices;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Runs evaluation on a thread with a large stack: expansion is recursive, and deeply recursive
/// makefile functions must reach the depth limit and fail cleanly rather than overflow.
/// </summary>
public static class LargeStack
{
    public const int StackSize = 512 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
