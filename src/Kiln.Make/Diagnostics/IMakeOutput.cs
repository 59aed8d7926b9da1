using Kiln.Core.Errors;
using Kiln.Make.Text;

namespace Kiln.Make.Diagnostics;

/// <summary>Where an evaluation's messages go: $(info) text, and warnings and non-fatal errors.</summary>
public interface IMakeOutput
{
    /// <summary>A line of $(info) output (without its newline).</summary>
    void Info(string text);

    /// <summary>A message for stderr, already formatted with its location prefix.</summary>
    void Diagnostic(string line);

    /// <summary>Text for stderr as it is (what a $(shell) command wrote there).</summary>
    void ErrorText(string text);
}

public static class MakeOutputExtensions
{
    /// <summary>Prints a non-fatal message the way make's error() does: <c>FILE:LINE: msg</c> or <c>make: msg</c>.</summary>
    public static void Warning(this IMakeOutput output, SourceLocation location, string programName, string message) =>
        output.Diagnostic(location.IsKnown ? $"{location.File}:{location.Line}: {message}" : $"{programName}: {message}");
}
