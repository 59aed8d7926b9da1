namespace Kiln.Lint.Tests;

internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Line <paramref name="text"/> (trimmed, whole) of a file, from 1: where a finding about it points.</summary>
    public static int LineOf(string file, string text) => LineWhere(file, l => l.Trim() == text, $"no line '{text}'");

    /// <summary>The first line of a file that <paramref name="matches"/>, from 1.</summary>
    public static int LineWhere(string file, Func<string, bool> matches, string missing)
    {
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => matches(l));
        Assert.True(index >= 0, $"{file} has {missing}");
        return index + 1;
    }
}
