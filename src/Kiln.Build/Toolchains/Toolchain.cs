namespace Kiln.Build.Toolchains;

/// <summary>
/// An external cross toolchain from Debian's packages (OpenWrt's external-toolchain idea): the
/// compiler's prefix, the GNU name of the target, the sysroot its C library lives in, and the
/// packages that provide them. <see cref="Native"/>: the build machine's own compiler.
/// </summary>
public sealed record Toolchain(
    string Prefix,
    string GnuTargetName,
    string Sysroot,
    string LibraryDirectory,
    bool Native,
    string CompilerPackage,
    string LibcPackage)
{
    public string Compiler => Prefix + "gcc";

    public string CxxCompiler => Prefix + "g++";

    /// <summary>Debian names each g++ package after its gcc package (gcc-mips-linux-gnu, g++-mips-linux-gnu).</summary>
    public string CxxCompilerPackage => "g++" + CompilerPackage["gcc".Length..];

    /// <summary>
    /// The symbols OpenWrt's external-toolchain menu sets, which rules.mk turns into TARGET_CROSS,
    /// GNU_TARGET_NAME, LIBC and the build and staging directory names. Debian's toolchains use
    /// glibc with hardware floating point. CONFIG_USE_MIPS16 is turned off whatever the .config
    /// says (so PKG_BUILD_FLAGS' no-mips16 changes nothing): MIPS16 code from Debian's compiler
    /// with glibc has not been shown to work (OpenWrt 24.10's lua built so stops with an illegal
    /// instruction under qemu-mips 7.2 on a string concatenation; built without it, it runs).
    /// </summary>
    /// <param name="wrapperRoot">Where <see cref="ToolchainWrappers"/> wrote the compiler wrappers (in its bin/).</param>
    public IReadOnlyList<KeyValuePair<string, string?>> ConfigSymbols(string wrapperRoot) =>
    [
        new("EXTERNAL_TOOLCHAIN", "y"),
        new("NATIVE_TOOLCHAIN", Native ? "y" : null),
        new("TOOLCHAIN_PREFIX", $"\"{Prefix}\""),
        new("TOOLCHAIN_ROOT", $"\"{wrapperRoot}\""),
        new("TARGET_NAME", $"\"{GnuTargetName}\""),
        new("TOOLCHAIN_BIN_PATH", "\"./bin\""),
        new("TOOLCHAIN_INC_PATH", "\"\""),
        new("TOOLCHAIN_LIB_PATH", "\"\""),
        new("LIBC", "\"glibc\""),
        new("USE_GLIBC", "y"),
        new("USE_MUSL", null),
        new("USE_EXTERNAL_LIBC", "y"),
        new("TARGET_SUFFIX", $"\"{GnuTargetName[(GnuTargetName.LastIndexOf("-linux-", StringComparison.Ordinal) + "-linux-".Length)..]}\""),
        new("SOFT_FLOAT", null),
        new("USE_MIPS16", null),
        new("USE_SSTRIP", null),
    ];
}
