namespace Kiln.Targets.Tests;

internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>examples/tree: the demo board and its devices.</summary>
    public static string Example => Path.Combine(Root, "example");

    /// <summary>Boards with mistakes in them.</summary>
    public static string Broken => Path.Combine(Root, "broken");
}
