namespace Kiln.Lint.Rules;

/// <summary>
/// One check: its id (<c>family/name</c>, what <c># kiln-lint: ignore=ID</c> names), how much a
/// finding matters, a one-line explanation, the packaging guideline it comes from, and whether it
/// needs the built package (<c>--built</c>).
/// </summary>
public sealed record LintRule(string Id, Severity Severity, string Summary, string Guideline, bool NeedsBuild = false)
{
    public string Family => Id[..Id.IndexOf('/')];
}
