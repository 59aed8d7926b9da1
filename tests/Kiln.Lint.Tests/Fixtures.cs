namespace Kiln.Lint.Tests;

internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Line <paramref name="text"/> (trimmed, whole) of a file, from 1: where a finding about it points.</summary>
    public static int LineOf(string file, string text)
    {
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.Trim() == text);
        Assert.True(index >= 0, $"{file} has no line '{text}'");
        return index + 1;
    }
}
