using System.Buffers.Binary;
using Kiln.Build.HostTools;
using Kiln.Core.Errors;

namespace Kiln.Build.Toolchains;

/// <summary>
/// The binary packages an external toolchain provides (OpenWrt's package/libs/toolchain for
/// external toolchains): the C library and the compiler's runtime libraries, copied from the
/// toolchain's sysroot into their install directories.
/// </summary>
public static class ToolchainLibraries
{
    /// <summary>Package name → file name patterns in the sysroot's library directory.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Packages = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["libc"] = ["ld.so.1", "ld-linux*.so.*", "libc.so.6", "libm.so.6", "libresolv.so.2", "libdl.so.2", "libutil.so.1", "libanl.so.1",
            "libnss_dns.so.2", "libnss_files.so.2"],
        ["libpthread"] = ["libpthread.so.0"],
        ["librt"] = ["librt.so.1"],
        ["libgcc"] = ["libgcc_s.so.1"],
        ["libatomic"] = ["libatomic.so.1"],
        ["libstdcpp"] = ["libstdc++.so.6"],
    };

    /// <summary>
    /// How the packages are laid out, for stamps: a change here installs them again. The dynamic loader is where the
    /// toolchain's programs ask for it.
    /// </summary>
    public const string Layout = "lib/ from the sysroot; the loader also at the programs' PT_INTERP";

    /// <summary>
    /// Fills the install directory of <paramref name="package"/>'s files (under lib/), following links to their files. The
    /// C library also gets the dynamic loader at <paramref name="interpreter"/>, the path the toolchain's programs name
    /// (Debian's x86_64 programs ask for /lib64/ld-linux-x86-64.so.2, the package keeps it in /lib): a link to the copy in
    /// lib/, or the sysroot's file.
    /// </summary>
    public static void Install(Toolchain toolchain, string package, string installDirectory, string? interpreter = null)
    {
        if (Directory.Exists(installDirectory)) Directory.Delete(installDirectory, recursive: true);
        var lib = Path.Combine(installDirectory, "lib");
        Directory.CreateDirectory(lib);
        var sources = new[] { toolchain.LibraryDirectory, toolchain.Native ? "/lib64" : Path.Combine(toolchain.Sysroot, "lib64") };
        foreach (var pattern in Packages[package])
            foreach (var directory in sources.Where(Directory.Exists))
                foreach (var file in Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal))
                {
                    var destination = Path.Combine(lib, Path.GetFileName(file));
                    if (!File.Exists(destination)) File.Copy(file, destination);
                }
        if (package == "libc" && interpreter is not null) InstallInterpreter(toolchain, installDirectory, interpreter);
    }

    private static void InstallInterpreter(Toolchain toolchain, string installDirectory, string interpreter)
    {
        var relative = interpreter.TrimStart('/');
        var destination = Path.Combine(installDirectory, relative);
        if (File.Exists(destination)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var copy = Path.Combine(installDirectory, "lib", Path.GetFileName(relative));
        if (File.Exists(copy))
            File.CreateSymbolicLink(destination, Path.GetRelativePath(Path.GetDirectoryName(destination)!, copy));
        else if (File.Exists(Path.Combine(toolchain.Sysroot, relative)))
            File.Copy(Path.Combine(toolchain.Sysroot, relative), destination);
        else
            throw new UserError($"the dynamic loader {interpreter} that {toolchain.Compiler} links programs with is not in {toolchain.Sysroot}");
    }

    /// <summary>
    /// The dynamic loader the toolchain's programs ask for (their ELF PT_INTERP), read from a program it links in
    /// <paramref name="scratchDirectory"/>; null for a toolchain that links programs statically.
    /// </summary>
    public static string? Interpreter(Toolchain toolchain, string scratchDirectory)
    {
        Directory.CreateDirectory(scratchDirectory);
        var source = Path.Combine(scratchDirectory, "probe.c");
        var program = Path.Combine(scratchDirectory, "probe");
        File.WriteAllText(source, "int main(void) { return 0; }\n");
        try
        {
            var (status, output) = HostCommand.Run(toolchain.Compiler, [source, "-o", program], scratchDirectory, TimeSpan.FromMinutes(2));
            if (status != 0) throw new UserError($"{toolchain.Compiler} cannot link a program (exit status {status}):\n{output.TrimEnd()}");
            return ElfInterpreter(File.ReadAllBytes(program));
        }
        finally
        {
            File.Delete(source);
            File.Delete(program);
        }
    }

    /// <summary>The PT_INTERP path of an ELF file (32 or 64 bits, either byte order), or null when it has none.</summary>
    public static string? ElfInterpreter(byte[] elf)
    {
        if (elf.Length < 52 || !elf.AsSpan(0, 4).SequenceEqual("\u007FELF"u8)) throw new UserError("not an ELF file");
        var wide = elf[4] == 2;
        var little = elf[5] == 1;
        ulong Read(int at, int size) => size switch
        {
            2 => little ? BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(elf.AsSpan(at)),
            4 => little ? BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(elf.AsSpan(at)),
            _ => little ? BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(at)) : BinaryPrimitives.ReadUInt64BigEndian(elf.AsSpan(at)),
        };
        var word = wide ? 8 : 4;
        var headers = (int)Read(wide ? 0x20 : 0x1C, word);
        var size = (int)Read(wide ? 0x36 : 0x2A, 2);
        var count = (int)Read(wide ? 0x38 : 0x2C, 2);
        for (var i = 0; i < count; i++)
        {
            var at = headers + i * size;
            if (Read(at, 4) != 3) continue; // PT_INTERP
            var offset = (int)Read(at + (wide ? 8 : 4), word);
            var length = (int)Read(at + (wide ? 32 : 16), word);
            return System.Text.Encoding.Latin1.GetString(elf, offset, length).TrimEnd('\0');
        }
        return null;
    }

    /// <summary>The C library's version, as glibc states it in libc.so.6 ("release version 2.36"), or "unknown".</summary>
    public static string Version(Toolchain toolchain)
    {
        var path = Path.Combine(toolchain.LibraryDirectory, "libc.so.6");
        if (!File.Exists(path)) return "unknown";
        // Searched as bytes: the library is megabytes, and decoding all of it as text cost every build tens of milliseconds.
        var bytes = File.ReadAllBytes(path);
        var marker = "release version "u8;
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0) return "unknown";
        var start = at + marker.Length;
        var end = start;
        while (end < bytes.Length && (char.IsAsciiDigit((char)bytes[end]) || bytes[end] == '.')) end++;
        return System.Text.Encoding.ASCII.GetString(bytes, start, end - start).TrimEnd('.');
    }
}
