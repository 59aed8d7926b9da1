using Kiln.Make.Text;

namespace Kiln.Make.Diagnostics;

/// <summary>
/// A fatal error caused by the makefile or the command line (make's "*** ... Stop."). It carries
/// the location GNU make would print; it never signals a bug in Kiln.
/// </summary>
public sealed class MakeErrorException : Exception
{
    public MakeErrorException(SourceLocation location, string reason)
        : base(reason)
    {
        Location = location;
        Reason = reason;
    }

    public SourceLocation Location { get; }

    public string Reason { get; }

    /// <summary>The line GNU make prints: <c>FILE:LINE: *** REASON.  Stop.</c>, or with the program name when there is no location.</summary>
    public string Format(string programName) => Location.IsKnown
        ? $"{Location.File}:{Location.Line}: *** {Reason}.  Stop."
        : $"{programName}: *** {Reason}.  Stop.";
}
