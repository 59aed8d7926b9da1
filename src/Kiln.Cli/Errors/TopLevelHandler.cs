using Kiln.Core.Errors;
using Kiln.Make.Text;

namespace Kiln.Cli.Errors;

/// <summary>
/// The one place a command's failure is reported: a user's mistake as one line on stderr (exit 2),
/// anything else as a bug in Kiln, said once, with the details written to a log file.
/// </summary>
public static class TopLevelHandler
{
    public static int Run(Func<int> command)
    {
        // A thread that lets an exception escape is a bug too: say so the same way before the runtime stops.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Console.Error.WriteLine(InternalErrorLog.Report(e.ExceptionObject as Exception ?? new Exception(e.ExceptionObject?.ToString())));
            Console.Error.Flush();
            Environment.Exit(ExitCodes.InternalError);
        };
        try
        {
            return command();
        }
        catch (Exception e) when (ErrorKinds.IsUserCaused(e))
        {
            Console.Error.WriteLine(ByteText.ToOs(ErrorKinds.Describe(e)));
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(InternalErrorLog.Report(e));
            return ExitCodes.InternalError;
        }
    }
}
