using System.Runtime.InteropServices;
using Kiln.Core.Errors;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Build.Toolchains;

/// <summary>Which Debian toolchain builds for a target, by the target's architecture.</summary>
public static class ToolchainCatalog
{
    public static Toolchain For(string arch)
    {
        if (arch == "x86_64" && RuntimeInformation.OSArchitecture == Architecture.X64)
            return new Toolchain("", "x86_64-linux-gnu", "/", "/lib/x86_64-linux-gnu", Native: true, "gcc", "libc6-dev");
        return arch switch
        {
            "mips" => Cross("mips-linux-gnu", "mips"),
            "mipsel" => Cross("mipsel-linux-gnu", "mipsel"),
            "aarch64" => Cross("aarch64-linux-gnu", "arm64"),
            "arm" => Cross("arm-linux-gnueabihf", "armhf"),
            "i386" => Cross("i686-linux-gnu", "i386"),
            "x86_64" => Cross("x86_64-linux-gnu", "amd64"),
            "powerpc" => Cross("powerpc-linux-gnu", "powerpc"),
            "riscv64" => Cross("riscv64-linux-gnu", "riscv64"),
            _ => throw new UserError($"no external toolchain is known for the architecture '{arch}'"),
        };
    }

    private static Toolchain Cross(string triplet, string debianArch) =>
        new(triplet + "-", triplet, "/usr/" + triplet, "/usr/" + triplet + "/lib", Native: false,
            "gcc-" + triplet, "libc6-dev-" + debianArch + "-cross");

    /// <summary>Stops with the Debian packages to install when the compiler or its C library is missing.</summary>
    public static void Check(Toolchain toolchain)
    {
        if (!Exists(toolchain.Compiler)) throw new UserError(NotFound(toolchain.Compiler, toolchain.CompilerPackage, toolchain.LibcPackage));
        if (!File.Exists(Path.Combine(toolchain.LibraryDirectory, "libc.so.6")))
            throw new UserError($"{toolchain.LibraryDirectory}/libc.so.6 not found: install the Debian package {toolchain.LibcPackage} (apt-get " +
                $"install {toolchain.LibcPackage})");
    }

    /// <summary>Stops with the Debian package to install when a build needs C++ and the toolchain's g++ is missing.</summary>
    /// <param name="neededBy">Who needs it (a package that depends on libstdcpp).</param>
    public static void CheckCxx(Toolchain toolchain, string neededBy)
    {
        if (!Exists(toolchain.CxxCompiler)) throw new UserError($"{neededBy} needs C++: " + NotFound(toolchain.CxxCompiler, toolchain.CxxCompilerPackage));
    }

    /// <summary>"PROGRAM not found: install the Debian packages P... (apt-get install P...)".</summary>
    public static string NotFound(string program, params string[] packages) =>
        $"{program} not found: install the Debian package{(packages.Length > 1 ? "s" : "")} {string.Join(' ', packages)} " +
        $"(apt-get install {string.Join(' ', packages)})";

    private static bool Exists(string program) => Executables.Locate(program, Environment.GetEnvironmentVariable("PATH")) is not null;

    /// <summary>What identifies the toolchain for stamps: the compiler's version text and the C library's size and time.</summary>
    public static string Identity(Toolchain toolchain)
    {
        var version = new ShellInvocation("/bin/sh", "-c", toolchain.Compiler + " --version", "/")
            .Run(Kiln.Make.Evaluation.ProcessEnvironment.Read(), TimeSpan.FromSeconds(30));
        var libc = new FileInfo(Path.Combine(toolchain.LibraryDirectory, "libc.so.6"));
        return ByteText.Encoding.GetString(version.Output).Split('\n')[0] + " " + toolchain.GnuTargetName +
            $" libc {(libc.Exists ? libc.Length : 0)}@{(libc.Exists ? libc.LastWriteTimeUtc.Ticks : 0)}";
    }
}
