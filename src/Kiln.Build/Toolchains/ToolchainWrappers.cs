using Kiln.Core.Files;

namespace Kiln.Build.Toolchains;

/// <summary>
/// The compiler as package builds call it: a wrapper in front of Debian's, found first in PATH
/// (TOOLCHAIN_BIN_PATH), as OpenWrt wraps an external toolchain's. Debian's gcc links with
/// --as-needed by default, which drops libraries named before the objects that use them; OpenWrt's
/// toolchains do not, and real Makefiles (lua's, for one) rely on that.
/// </summary>
public static class ToolchainWrappers
{
    private static readonly string[] Compilers = ["gcc", "g++", "cc", "c++"];

    /// <summary>Writes the wrappers into <paramref name="root"/>/bin (when they differ from what is there).</summary>
    public static void Write(Toolchain toolchain, string root)
    {
        var bin = Path.Combine(root, "bin");
        Directory.CreateDirectory(bin);
        foreach (var compiler in Compilers)
        {
            var name = toolchain.Prefix + compiler;
            var real = Kiln.Make.Evaluation.Executables.Locate(name, Environment.GetEnvironmentVariable("PATH"));
            if (real is null || real.StartsWith(bin + "/", StringComparison.Ordinal)) continue;
            var text = $"#!/bin/sh\n# Kiln: {name} linking every library it is given, as OpenWrt's toolchains do.\nexec {real} -Wl,--no-as-needed " +
                $"\"$@\"\n";
            var path = Path.Combine(bin, name);
            if (File.Exists(path) && File.ReadAllText(path) == text) continue;
            AtomicFile.Write(path, text, (UnixFileMode)0b111_101_101);
        }
    }
}
