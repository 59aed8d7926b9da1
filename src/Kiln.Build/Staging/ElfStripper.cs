using Kiln.Core.Errors;

namespace Kiln.Build.Staging;

/// <summary>
/// What OpenWrt's rstrip.sh does to an install directory before packing: every ELF executable
/// and shared library (not kernel modules, not archives) run through the toolchain's strip.
/// </summary>
public static class ElfStripper
{
    /// <param name="strip">The STRIP command of rules.mk (program and arguments), e.g. "mips-linux-gnu-strip --strip-all".</param>
    public static void Strip(string directory, string strip, IReadOnlyDictionary<string, string> environment)
    {
        if (!Directory.Exists(directory)) return;
        var words = strip.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).LinkTarget is null && !f.EndsWith(".ko", StringComparison.Ordinal) && IsElf(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) return;
        var path = environment.GetValueOrDefault("PATH") ?? Environment.GetEnvironmentVariable("PATH");
        var program = Kiln.Make.Evaluation.Executables.Locate(words[0], path)
            ?? throw new UserError($"{words[0]} not found (it strips the installed binaries)");
        var (status, output) = HostTools.HostCommand.Run(program, [.. words.Skip(1), .. files], directory);
        if (status != 0) throw new UserError($"{strip} failed on {directory}:\n{output.TrimEnd()}");
    }

    /// <summary>An ELF file of a kind strip changes: executable (2) or shared object (3).</summary>
    private static bool IsElf(string path)
    {
        Span<byte> header = stackalloc byte[18];
        using var stream = File.OpenRead(path);
        if (stream.Read(header) < 18 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') return false;
        var type = header[5] == 2 ? header[17] : header[16]; // e_type's low byte, by the file's byte order
        return type is 2 or 3;
    }
}
