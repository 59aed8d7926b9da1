using Kiln.Packing.Ipk;

namespace Kiln.Packing.Tests;

/// <summary>Control files: fields in order, one space after the colon, continued values.</summary>
public sealed class ControlFileTests
{
    private const string Text = "Package: foo\nVersion: 1.0\nDepends: libc, libbar\nDescription:  First line\n second line\n  indented line\n";

    [Fact]
    public void ParseKeepsTheFieldsInOrderAndWriteGivesTheTextBack()
    {
        var control = ControlFile.Parse(Text);

        Assert.Equal(["Package", "Version", "Depends", "Description"], control.Fields.Select(f => f.Key));
        Assert.Equal("foo", control["Package"]);
        Assert.Equal("libc, libbar", control["Depends"]);
        Assert.Equal(" First line\n second line\n  indented line", control["Description"]);
        Assert.Null(control["Conflicts"]);
        Assert.Equal(Text, control.Write());
    }

    [Fact]
    public void OneSpaceAfterTheColonIsTheSeparatorAndNoneIsAccepted()
    {
        var control = ControlFile.Parse("A:value\nB: value\nC:  value\nD:\n");

        Assert.Equal(["value", "value", " value", ""], control.Fields.Select(f => f.Value));
        Assert.Equal("A: value\nB: value\nC:  value\nD: \n", control.Write());
    }

    [Fact]
    public void BlankLinesAndLinesWithoutAFieldAreSkipped()
    {
        var control = ControlFile.Parse("\nPackage: foo\n\nno colon here\n: nameless\nVersion: 2\n");

        Assert.Equal(["Package", "Version"], control.Fields.Select(f => f.Key));
        Assert.Equal("Package: foo\nVersion: 2\n", control.Write());
    }

    [Fact]
    public void AValueMayHoldColons()
    {
        var control = ControlFile.Parse("Require-User: tiny=123:tiny=123\nURL: https://example.org/x\n");

        Assert.Equal("tiny=123:tiny=123", control["Require-User"]);
        Assert.Equal("https://example.org/x", control["URL"]);
    }

    [Fact]
    public void SetReplacesInPlaceOrInsertsBeforeAFieldOrAppends()
    {
        var control = ControlFile.Parse(Text);

        control.Set("Version", "2.0", before: "Package");
        control.Set("Installed-Size", "42", before: "Description");
        control.Set("Section", "libs", before: "NoSuchField");
        control.Set("Architecture", "all");

        Assert.Equal(["Package", "Version", "Depends", "Installed-Size", "Description", "Section", "Architecture"],
            control.Fields.Select(f => f.Key));
        Assert.Equal("2.0", control["Version"]);
        Assert.Equal("42", control["Installed-Size"]);
    }

    [Fact]
    public void RemoveTakesEveryFieldOfTheName()
    {
        var control = ControlFile.Parse("Package: a\nDepends: x\nVersion: 1\nDepends: y\n");

        control.Remove("Depends");
        control.Remove("NotThere");

        Assert.Equal("Package: a\nVersion: 1\n", control.Write());
    }
}
