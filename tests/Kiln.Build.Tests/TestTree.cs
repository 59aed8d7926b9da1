namespace Kiln.Build.Tests;

/// <summary>
/// A private copy of the example tree (examples/tree, with its mirror beside it as kiln.conf
/// expects), so that tests build, change and break it without disturbing one another.
/// </summary>
internal sealed class TestTree : IDisposable
{
    private readonly string _owned;

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <param name="under">A directory (or path) the copy goes below, for trees that must differ in their paths.</param>
    public TestTree(string under = "")
    {
        _owned = Path.Combine(Path.GetTempPath(), "kiln-build-tests", Guid.NewGuid().ToString("N"));
        Root = Path.Combine(_owned, under);
        Copy(Path.Combine(Fixtures, "tree"), Path.Combine(Root, "tree"));
        Copy(Path.Combine(Fixtures, "mirror"), Path.Combine(Root, "mirror"));
    }

    /// <summary>Holds tree/ and mirror/.</summary>
    public string Root { get; }

    public string Top => Path.Combine(Root, "tree");

    public string In(string relative) => Path.Combine(Top, relative);

    /// <summary>Writes a file of the tree, with the directories it needs.</summary>
    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(In(relative))!);
        File.WriteAllText(In(relative), text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_owned, recursive: true);
        }
        catch (IOException)
        {
            // A process a test killed may still be letting go of a file; the temp folder is cleaned anyway.
        }
    }

    /// <summary>A directory's files and folders copied below <paramref name="to"/>.</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
