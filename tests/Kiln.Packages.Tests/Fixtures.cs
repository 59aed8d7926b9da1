namespace Kiln.Packages.Tests;

internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Tree => Path.Combine(Root, "tree");

    public static string Broken => Path.Combine(Root, "broken");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Root, name), System.Text.Encoding.Latin1);
}
