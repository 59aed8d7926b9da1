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
        var compiler = Executables.Locate(toolchain.Compiler, Environment.GetEnvironmentVariable("PATH"));
        if (compiler is null)
            throw new UserError($"{toolchain.Compiler} not found: install the Debian packages {toolchain.CompilerPackage} {toolchain.LibcPackage} " +
                $"(apt-get install {toolchain.CompilerPackage} {toolchain.LibcPackage})");
        if (!File.Exists(Path.Combine(toolchain.LibraryDirectory, "libc.so.6")))
            throw new UserError($"{toolchain.LibraryDirectory}/libc.so.6 not found: install the Debian package {toolchain.LibcPackage} (apt-get " +
                $"install {toolchain.LibcPackage})");
    }

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
