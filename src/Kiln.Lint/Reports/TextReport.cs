namespace Kiln.Lint.Reports;

/// <summary>The findings one per line, as compilers print them, then the summary line.</summary>
public static class TextReport
{
    public static void Write(LintResult result, TextWriter output)
    {
        foreach (var finding in result.Findings) output.WriteLine(finding.ToString());
        output.WriteLine(result.Summary);
    }
}
