namespace Kiln.Core.Errors;

/// <summary>
/// A problem the user caused and can fix: a bad makefile, option, .config or file, a wrong hash, a
/// missing tool. Its message is complete as it is and is printed without a stack trace; it carries
/// the makefile location GNU make would print, when there is one. Anything else that escapes is a
/// bug in Kiln.
/// </summary>
public sealed class UserError : Exception
{
    public UserError(string reason)
        : this(SourceLocation.None, reason)
    {
    }

    public UserError(SourceLocation location, string reason)
        : base(reason)
    {
        Location = location;
        Reason = reason;
    }

    public SourceLocation Location { get; }

    public string Reason { get; }

    /// <summary>The line GNU make prints: <c>FILE:LINE: *** REASON.  Stop.</c>, or with the program name when there is no location.</summary>
    public string MakeStyle(string programName) => Location.IsKnown
        ? $"{Location.File}:{Location.Line}: *** {Reason}.  Stop."
        : $"{programName}: *** {Reason}.  Stop.";

    /// <summary>An error from the line printed for it: make's <c>FILE:LINE: *** REASON.  Stop.</c>, or <c>kiln: REASON</c>.</summary>
    public static UserError FromMakeStyle(string line)
    {
        if (line.StartsWith("kiln: ", StringComparison.Ordinal)) return new UserError(line["kiln: ".Length..]);
        const string stop = ".  Stop.";
        var marker = line.IndexOf(": *** ", StringComparison.Ordinal);
        if (marker > 0 && line.EndsWith(stop, StringComparison.Ordinal) && line.LastIndexOf(':', marker - 1) is var colon and > 0
            && int.TryParse(line.AsSpan(colon + 1, marker - colon - 1), out var number))
            return new UserError(new SourceLocation(line[..colon], number), line[(marker + 6)..^stop.Length]);
        return new UserError(line);
    }
}
