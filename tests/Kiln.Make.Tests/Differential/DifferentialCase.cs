namespace Kiln.Make.Tests.Differential;

/// <summary>
/// One differential case: a makefile (the file's text up to the first <c>#--- </c> line) plus
/// optional sections <c>#--- file: NAME</c> (more files), <c>#--- args: ...</c> (command-line
/// words) and <c>#--- env: NAME=VALUE</c> (environment).
/// </summary>
public sealed class DifferentialCase
{
    public required string Name { get; init; }

    public required string Makefile { get; init; }

    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static string CasesDirectory => Path.Combine(AppContext.BaseDirectory, "Differential", "Cases");

    public static IEnumerable<string> AllNames() =>
        Directory.EnumerateFiles(CasesDirectory, "*.mk", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(CasesDirectory, p))
            .Order(StringComparer.Ordinal);

    public static DifferentialCase Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(CasesDirectory, name), System.Text.Encoding.Latin1);
        var sections = new List<(string File, System.Text.StringBuilder Text)>();
        var env = new Dictionary<string, string>();
        var args = new List<string>();
        var main = new System.Text.StringBuilder();
        var current = main;
        foreach (var line in SplitLines(text))
        {
            if (TryDirective(line, "file", out var file))
            {
                current = new System.Text.StringBuilder();
                sections.Add((file, current));
            }
            else if (TryDirective(line, "args", out var words))
            {
                args.AddRange(words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (TryDirective(line, "env", out var assignment))
            {
                var eq = assignment.IndexOf('=');
                env[assignment[..eq]] = assignment[(eq + 1)..];
            }
            else
            {
                current.Append(line);
            }
        }
        return new DifferentialCase
        {
            Name = name,
            Makefile = main.ToString(),
            Files = sections.ToDictionary(s => s.File, s => s.Text.ToString()),
            Arguments = args,
            Environment = env,
        };
    }

    private static bool TryDirective(string line, string keyword, out string value)
    {
        var prefix = $"#--- {keyword}: ";
        value = line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..].TrimEnd('\n') : "";
        return line.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            yield return text[start..end];
            start = end;
        }
    }

    /// <summary>Writes the case's files into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "Makefile"), Makefile, System.Text.Encoding.Latin1);
        foreach (var (file, content) in Files)
        {
            var path = Path.Combine(directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, System.Text.Encoding.Latin1);
        }
    }

    public override string ToString() => Name;
}
