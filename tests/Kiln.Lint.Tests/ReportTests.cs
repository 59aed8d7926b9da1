using System.Text.Json;
using Kiln.Lint.Reports;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Tests;

/// <summary>The reports of the fixture tree's lint: text lines as compilers print them, JSON, and SARIF 2.1.0.</summary>
public sealed class ReportTests(FixtureTree tree) : IClassFixture<FixtureTree>
{
    [Fact]
    public void TheTextReportIsOneLinePerFindingThenTheSummary()
    {
        var text = new StringWriter();
        TextReport.Write(tree.Result, text);
        var lines = text.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(tree.Result.Findings.Count + 1, lines.Length);
        Assert.Contains("package/utils/zerorelease/Makefile:" + FixtureTree.LineOf("package/utils/zerorelease/Makefile", "PKG_RELEASE:=0")
            + ": warning: [versions/release] PKG_RELEASE is '0'", text.ToString());
        Assert.Matches(@"^\d+ packages: \d+ errors, \d+ warnings, \d+ notes \(1 silenced\)$", lines[^1]);
    }

    [Fact]
    public void AFindingPrintsOnOneLineEvenWhenItQuotesAToolsSeveralLines()
    {
        var finding = new Kiln.Lint.Findings.Finding(LintRules.PatchApplies, new Kiln.Core.Errors.SourceLocation("package/x/Makefile", 8),
            "dl/x.tar.gz cannot be unpacked: gzip: stdin: not in gzip format\ntar: Child returned status 1");
        Assert.Equal("package/x/Makefile:8: error: [layout/patch-applies] dl/x.tar.gz cannot be unpacked: gzip: stdin: not in gzip format; " +
            "tar: Child returned status 1", finding.ToString());
    }

    [Fact]
    public void TheJsonReportListsEveryFindingWithTheCounts()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(tree.Result, stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(tree.Result.Count(Severity.Error), root.GetProperty("errors").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(tree.Result.Findings.Count, findings.Count);
        Assert.Equal(tree.Result.Findings[0].Rule.Id, findings[0].GetProperty("rule").GetString());
        Assert.Equal(tree.Result.Findings[0].Location.Line, findings[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public void TheSarifReportDescribesEveryRuleAndPointsEachResultAtItsRuleAndLine()
    {
        using var stream = new MemoryStream();
        SarifReport.Write(tree.Result, FixtureTree.Top, stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(LintRules.All.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.StartsWith("file:///", run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(tree.Result.Findings.Count, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var finding = tree.Result.Findings[i];
            var result = results[i];
            Assert.Equal(finding.Rule.Id, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal(finding.Severity.Word(), result.GetProperty("level").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal(finding.Location.File, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(finding.Location.Line > 0, location.TryGetProperty("region", out var region));
            if (finding.Location.Line > 0) Assert.Equal(finding.Location.Line, region.GetProperty("startLine").GetInt32());
        }
    }
}
