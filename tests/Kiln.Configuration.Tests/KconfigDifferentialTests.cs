using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Tests;

/// <summary>
/// Kiln's <c>conf</c> against the real one: every folder of KconfigCases (a Kconfig, a seed, a mode; see
/// its README.md) is run through Debian's linux-kbuild-6.1 <c>conf</c> and through <see cref="KconfigConf.Run"/>,
/// and the two .config texts must be the same byte for byte. KconfigBadCases holds inputs conf rejects.
/// </summary>
public sealed partial class KconfigDifferentialTests
{
    public static TheoryData<string> Cases => Folders("KconfigCases");

    public static TheoryData<string> BadCases => Folders("KconfigBadCases");

    /// <summary>Cases whose seed warnings (file:line:warning: text) are compared too.</summary>
    public static TheoryData<string> WarningCases => new()
    {
        // Not 207-seed-duplicate-lines: Linux 6.1 warns "override: reassigning", OpenWrt's conf does not, nor does Kiln.
        "119-int-seed-bad", "122-hex-seed-bad", "159-choice-seed-two-members", "205-seed-string-to-bool",
        "208-seed-leading-garbage",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WritesTheConfigConfWrites(string name)
    {
        using var conf = CaseRun.Copy("KconfigCases", name);
        string expected, output = "";
        var recorded = Path.Combine(conf.Directory, "openwrt.config");
        if (!ReferenceConf.IsOpenWrt && File.Exists(recorded))
        {
            // Where OpenWrt's patched conf writes something else than Linux 6.1's, the case holds what
            // OpenWrt 24.10's scripts/config/conf wrote (run with KILN_REFERENCE_CONF=<OpenWrt's conf> to compare live).
            expected = File.ReadAllText(recorded);
        }
        else
        {
            var reference = ReferenceConf.Run(conf);
            Assert.True(reference.ExitCode == 0 && reference.Config is not null,
                $"the reference conf failed on {name} (exit {reference.ExitCode}):\n{reference.Output}");
            expected = reference.Config!;
            output = reference.Output;
        }

        using var kiln = CaseRun.Copy("KconfigCases", name);
        var result = KconfigConf.Run(kiln.Directory, "Kconfig", kiln.Mode, kiln.SeedArgument);

        if (result.Config != expected)
            Assert.Fail($"{name}: Kiln's .config differs from conf's (- conf, + Kiln):\n{Diff(expected, result.Config)}"
                + (output.Length > 0 ? $"\nconf printed:\n{output}" : ""));
        Assert.Equal(expected, result.Config);
    }

    [Theory]
    [MemberData(nameof(WarningCases))]
    public void WarnsAboutTheSeedAsConfDoes(string name)
    {
        using var conf = CaseRun.Copy("KconfigCases", name);
        var reference = ReferenceConf.Run(conf);
        var expected = SeedWarnings(reference.Stderr.Split('\n')).ToList();
        Assert.NotEmpty(expected);

        using var kiln = CaseRun.Copy("KconfigCases", name);
        var result = KconfigConf.Run(kiln.Directory, "Kconfig", kiln.Mode, kiln.SeedArgument);
        Assert.Equal(expected, SeedWarnings(result.Warnings).ToList());
    }

    [Theory]
    [MemberData(nameof(BadCases))]
    public void RejectsWhatConfRejects(string name)
    {
        using var conf = CaseRun.Copy("KconfigBadCases", name);
        var reference = ReferenceConf.Run(conf);
        var recursion = RecursionReport(reference.Stderr.Split('\n'));
        if (recursion.Count > 0)
        {
            // OpenWrt's conf reports a dependency loop and goes on (Linux 6.1's stops): Kiln warns with the same text.
            using var run = CaseRun.Copy("KconfigBadCases", name);
            var warnings = KconfigConf.Run(run.Directory, "Kconfig", run.Mode, run.SeedArgument).Warnings;
            Assert.Equal(recursion, RecursionReport(warnings.SelectMany(w => w.Split('\n'))));
            return;
        }
        Assert.True(reference.ExitCode != 0, $"the reference conf accepted the bad case {name}:\n{reference.Output}");

        // conf's first error line that is not bison's "syntax error" (which names the line of the token after the
        // bad statement): "Kconfig:3: unknown statement ...", "Kconfig:4:error: recursive dependency detected!".
        var location = (reference.Stderr + reference.Stdout).Split('\n')
            .Where(line => !line.Contains(": syntax error", StringComparison.Ordinal) && !line.Contains(":warning:", StringComparison.Ordinal))
            .Select(line => ErrorLocation().Match(line))
            .FirstOrDefault(match => match.Success);
        Assert.True(location is not null, $"conf named no file:line for {name}:\n{reference.Stderr}");
        var prefix = $"{location.Groups[1].Value}:{location.Groups[2].Value}:";

        using var kiln = CaseRun.Copy("KconfigBadCases", name);
        var error = Assert.Throws<UserError>(() => KconfigConf.Run(kiln.Directory, "Kconfig", kiln.Mode, kiln.SeedArgument));
        var atLocation = error.Location.IsKnown
            && $"{Path.GetRelativePath(kiln.Directory, Path.Combine(kiln.Directory, error.Location.File!))}:{error.Location.Line}:" == prefix;
        Assert.True(error.Message.StartsWith(prefix, StringComparison.Ordinal) || atLocation,
            $"{name}: conf said\n{reference.Stderr}\nKiln said ({error.Location}): {error.Message}\nexpected it to start with {prefix}");
    }

    /// <summary>The lines of a "recursive dependency detected!" report, up to the pointer to the documentation.</summary>
    private static List<string> RecursionReport(IEnumerable<string> lines)
    {
        var report = new List<string>();
        foreach (var line in lines)
        {
            if (report.Count == 0 && !line.Contains("recursive dependency detected!", StringComparison.Ordinal)) continue;
            if (line.StartsWith("For a resolution", StringComparison.Ordinal)) break;
            report.Add(line.TrimEnd('\r'));
        }
        return report;
    }

    [GeneratedRegex(@"^([^\s:]+):(\d+):")]
    private static partial Regex ErrorLocation();

    [GeneratedRegex(@"^(.*):(\d+):warning: (.*)$")]
    private static partial Regex Warning();

    /// <summary>The warnings about the seed file, its folder dropped: "seed:3:warning: override: ...".</summary>
    private static IEnumerable<string> SeedWarnings(IEnumerable<string> lines) =>
        from line in lines
        let match = Warning().Match(line.TrimEnd('\r'))
        where match.Success && Path.GetFileName(match.Groups[1].Value) == "seed"
        select $"seed:{match.Groups[2].Value}:warning: {match.Groups[3].Value}";

    private static TheoryData<string> Folders(string set)
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(AppContext.BaseDirectory, set);
        if (!Directory.Exists(root)) return data; // no rows: xunit fails the theory rather than skipping it
        foreach (var folder in Directory.EnumerateDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            data.Add(folder!);
        return data;
    }

    /// <summary>A compact line diff: the changed lines with two lines of context, "-" conf's, "+" Kiln's.</summary>
    internal static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x]));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1])) lines.Add(('-', a[x++]));
            else lines.Add(('+', b[y++]));
        }

        var text = new StringBuilder();
        var skipped = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var near = false;
            for (var k = Math.Max(0, i - 2); k <= Math.Min(lines.Count - 1, i + 2); k++) near |= lines[k].Mark != ' ';
            if (!near)
            {
                skipped = true;
                continue;
            }
            if (skipped) text.AppendLine("...");
            skipped = false;
            text.Append(lines[i].Mark).AppendLine(Visible(lines[i].Text));
        }
        return text.ToString();
    }

    private static string Visible(string line) => line.Replace("\r", "\\r", StringComparison.Ordinal);
}

/// <summary>A private copy of one case folder, with what its mode file and seed say.</summary>
internal sealed class CaseRun : IDisposable
{
    private CaseRun(string directory, ConfMode mode)
    {
        Directory = directory;
        Mode = mode;
    }

    public string Directory { get; }

    public ConfMode Mode { get; }

    public string Seed => Path.Combine(Directory, "seed");

    /// <summary>The seed KconfigConf.Run gets: always for defconfig and olddefconfig; for the all*config modes only when not empty (KCONFIG_ALLCONFIG).</summary>
    public string? SeedArgument => Mode is ConfMode.Defconfig or ConfMode.Olddefconfig || new FileInfo(Seed).Length > 0 ? Seed : null;

    public static CaseRun Copy(string set, string name)
    {
        var from = Path.Combine(AppContext.BaseDirectory, set, name);
        var to = Path.Combine(Path.GetTempPath(), "kiln-kconfig-cases", Guid.NewGuid().ToString("N"));
        foreach (var directory in System.IO.Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            System.IO.Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        if (!File.Exists(Path.Combine(to, "seed"))) File.WriteAllText(Path.Combine(to, "seed"), "");

        var modeFile = Path.Combine(to, "mode");
        var mode = File.Exists(modeFile) ? File.ReadAllText(modeFile).Trim() : "defconfig";
        return new CaseRun(to, mode switch
        {
            "defconfig" => ConfMode.Defconfig,
            "olddefconfig" => ConfMode.Olddefconfig,
            "alldefconfig" => ConfMode.Alldefconfig,
            "allnoconfig" => ConfMode.Allnoconfig,
            "allyesconfig" => ConfMode.Allyesconfig,
            "allmodconfig" => ConfMode.Allmodconfig,
            _ => throw new InvalidOperationException($"{set}/{name}/mode: unknown mode '{mode}'"),
        });
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned anyway.
        }
    }
}

/// <summary>
/// Debian's linux-kbuild-6.1 conf, run as OpenWrt's scripts/config runs conf:
/// <c>cd CASE; KCONFIG_CONFIG=CASE/.config conf --MODE[=seed] Kconfig</c>. KILN_REFERENCE_CONF names
/// another conf to compare with (OpenWrt's own, for instance).
/// </summary>
internal static class ReferenceConf
{
    public const string DebianPath = "/usr/lib/linux-kbuild-6.1/scripts/kconfig/conf";

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, string? Config)
    {
        public string Output => (Stdout + Stderr).Trim();
    }

    /// <summary>Whether the reference is OpenWrt's own conf (given by KILN_REFERENCE_CONF), not Debian's Linux 6.1 one.</summary>
    public static bool IsOpenWrt => Program != DebianPath;

    public static string Program
    {
        get
        {
            var program = Environment.GetEnvironmentVariable("KILN_REFERENCE_CONF") is { Length: > 0 } other ? other : DebianPath;
            if (!File.Exists(program))
                Assert.Fail($"The reference Kconfig program {program} is missing: apt-get install linux-kbuild-6.1 (scripts/setup installs it).");
            return program;
        }
    }

    public static Outcome Run(CaseRun run)
    {
        var config = Path.Combine(run.Directory, ".config");
        var start = new ProcessStartInfo(Program)
        {
            WorkingDirectory = run.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Whatever of the caller's environment would change conf's behaviour goes: KCONFIG_* (ALLCONFIG,
        // NOSILENTUPDATE, OVERWRITECONFIG, WARN_UNKNOWN_SYMBOLS, WERROR, ...), CONFIG_ (the symbol prefix) and srctree.
        foreach (var key in start.Environment.Keys.ToList())
            if (key.StartsWith("KCONFIG_", StringComparison.Ordinal) || key is "CONFIG_" or "srctree" or "objtree")
                start.Environment.Remove(key);
        start.Environment["KCONFIG_CONFIG"] = config;

        switch (run.Mode)
        {
            case ConfMode.Defconfig:
                start.ArgumentList.Add("--defconfig=seed");
                break;
            case ConfMode.Olddefconfig:
                File.Copy(run.Seed, config);
                start.ArgumentList.Add("--olddefconfig");
                break;
            default:
                // OpenWrt's conf reads the all*config modes' input with -r, Linux 6.1's from KCONFIG_ALLCONFIG.
                if (run.SeedArgument is not null && IsOpenWrt) start.ArgumentList.Add("-r");
                if (run.SeedArgument is not null && IsOpenWrt) start.ArgumentList.Add("seed");
                if (run.SeedArgument is not null && !IsOpenWrt) start.Environment["KCONFIG_ALLCONFIG"] = "seed";
                start.ArgumentList.Add("--" + run.Mode.ToString().ToLowerInvariant());
                break;
        }
        start.ArgumentList.Add("Kconfig");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Program} took longer than 30 s in {run.Directory}");
        }
        process.WaitForExit();
        var written = process.ExitCode == 0 && File.Exists(config) ? File.ReadAllText(config) : null;
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, written);
    }
}
