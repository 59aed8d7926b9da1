using Kiln.Make.Evaluation;

namespace Kiln.Packages.Scanning;

/// <summary>
/// Something that wants to see some Makefiles' evaluations as a scan makes them (kiln lint reads
/// where each variable was set). A Makefile it wants is evaluated even when the scan's cache
/// holds its result, so that it is read once, not once for the scan and once more for the caller.
/// </summary>
public interface IMakefileInspector
{
    /// <param name="directory">The Makefile's directory, relative to the tree.</param>
    bool Wants(string directory);

    /// <summary>Called on the evaluating thread once the Makefile has been read without error.</summary>
    void Inspect(string directory, Evaluator evaluator);
}
