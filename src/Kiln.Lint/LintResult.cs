using Kiln.Lint.Findings;
using Kiln.Lint.Rules;

namespace Kiln.Lint;

/// <summary>A lint's findings (sorted by file, line and rule), how many packages it read and how many findings comments silenced.</summary>
public sealed record LintResult(IReadOnlyList<Finding> Findings, int Packages, int Suppressed)
{
    /// <summary>With <c>--built</c>: how many binary packages of the linted packages have no .ipk (their build checks were skipped).</summary>
    public int? NotBuilt { get; init; }

    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>An error was found: the lint fails.</summary>
    public bool Failed => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>"12 packages: 1 error, 3 warnings, 0 notes (2 silenced)", then with <c>--built</c> "; 2 binary packages not built".</summary>
    public string Summary
    {
        get
        {
            static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";
            var silenced = Suppressed > 0 ? $" ({Suppressed} silenced)" : "";
            return $"{Plural(Packages, "package")}: {Plural(Count(Severity.Error), "error")}, " +
                   $"{Plural(Count(Severity.Warning), "warning")}, {Plural(Count(Severity.Note), "note")}{silenced}" +
                   (NotBuilt is int n and > 0 ? $"; {Plural(n, "binary package")} not built (no .ipk: not checked)" : "");
        }
    }
}
