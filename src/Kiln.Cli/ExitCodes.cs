namespace Kiln.Cli;

/// <summary>Process exit codes, as make uses them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command worked and found what fails a check (kiln lint's errors), as compilers and linters say it.</summary>
    public const int FindingsFailed = 1;

    /// <summary>A user-caused failure: bad makefile, bad option, failed step (make's 2).</summary>
    public const int Failure = 2;

    /// <summary>A bug in Kiln (sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    public const int Interrupted = 130;
}
