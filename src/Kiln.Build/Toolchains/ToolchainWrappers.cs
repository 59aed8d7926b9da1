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
            // Only TARGET_CC and TARGET_CXX stand in for a missing compiler; a script probing for PREFIX-cc must not find one.
            if (real is null ? compiler is "cc" or "c++" : real.StartsWith(bin + "/", StringComparison.Ordinal)) continue;
            var text = real is not null
                ? $"#!/bin/sh\n# Kiln: {name} linking every library it is given, as OpenWrt's toolchains do.\nexec {real} -Wl,--no-as-needed \"$@\"\n"
                // A package's make or configure calling the missing compiler logs what to install, not "command not found".
                : $"#!/bin/sh\necho 'kiln: {ToolchainCatalog.NotFound(name, Package(toolchain, compiler))}' >&2\nexit 127\n";
            var path = Path.Combine(bin, name);
            if (File.Exists(path) && File.ReadAllText(path) == text) continue;
            AtomicFile.Write(path, text, (UnixFileMode)0b111_101_101);
        }
    }

    private static string Package(Toolchain toolchain, string compiler) =>
        compiler == "g++" ? toolchain.CxxCompilerPackage : toolchain.CompilerPackage;
}
