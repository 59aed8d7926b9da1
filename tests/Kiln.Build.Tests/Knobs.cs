namespace Kiln.Build.Tests;

/// <summary>
/// The knob fixtures (Fixtures/knobs): one small package per knob of OpenWrt's package API under
/// package/knobs, written the way feeds use the knob, built for <see cref="Builds.Mips"/>; and
/// what the tests read back: the step logs (each command as it ran), build directories, tools'
/// view of the programs.
/// </summary>
internal static class Knobs
{
    public const string BuildRoot = "build_dir/target-mips-linux-gnu_glibc";

    /// <summary>A test tree with the fixtures added.</summary>
    public static TestTree Tree()
    {
        var tree = new TestTree();
        TestTree.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "knobs"), tree.Top);
        return tree;
    }

    public static string BuildDirectory(TestTree tree, string package) => tree.In($"{BuildRoot}/{package}-1.0");

    /// <summary>The package's makefile in the tree (package/knobs/NAME/Makefile).</summary>
    public static string Makefile(TestTree tree, string package) => tree.In($"package/knobs/{package}/Makefile");

    /// <summary>The log of one step: every command as it ran (after expansion), then its output.</summary>
    public static string Log(TestTree tree, string package, string step) => File.ReadAllText(tree.In($"logs/package/knobs/{package}/{step}.txt"));

    /// <summary>The value of the first <c>NAME="..."</c> assignment of a log (the flags a recipe gave configure or make).</summary>
    public static string Assignment(string log, string name)
    {
        var at = 0;
        while ((at = log.IndexOf(name + "=\"", at, StringComparison.Ordinal)) > 0 && !char.IsWhiteSpace(log[at - 1])) at++;
        Assert.True(at >= 0, $"no {name}=\"...\" in the log:\n{log}");
        var start = at + name.Length + 2;
        return log[start..log.IndexOf('"', start)];
    }

    /// <summary>A value a package's makefile sets (NAME:=VALUE), read from the fixture.</summary>
    public static string Setting(TestTree tree, string package, string name) =>
        File.ReadLines(Makefile(tree, package)).Single(l => l.StartsWith(name + ":=", StringComparison.Ordinal))[(name.Length + 2)..];

    /// <summary>What a tool of the cross toolchain (mips-linux-gnu-TOOL) prints about a file.</summary>
    public static string Toolchain(string tool, params string[] arguments)
    {
        var (status, output) = Builds.Execute("mips-linux-gnu-" + tool, arguments);
        Assert.True(status == 0, $"mips-linux-gnu-{tool} {string.Join(' ', arguments)}: {output}");
        return output;
    }
}
