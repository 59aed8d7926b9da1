using Kiln.Core.Files;

namespace Kiln.Build.HostTools;

/// <summary>
/// The machine file templates meson.mk fills in with sed (<c>$(STAGING_DIR_HOST)/lib/meson/openwrt-cross.txt.in</c> and
/// <c>openwrt-native.txt.in</c>), which OpenWrt's tools/meson installs: Kiln's own, in meson's machine file format
/// (mesonbuild.com/Machine-files.html, Cross-compilation.html), with the placeholders meson.mk substitutes. A template without
/// Kiln's mark (one a build of tools/meson installed) is left alone.
/// </summary>
internal static class MesonFiles
{
    /// <summary>The target build's machine: the cross compilers, their flags, and what meson cannot run.</summary>
    public const string Cross = $"""
        # The machine a package is cross-compiled for {HostToolScripts.Marker}; meson.mk fills in the @NAME@ placeholders.
        [host_machine]
        system = 'linux'
        cpu_family = '@ARCH@'
        cpu = '@CPU@'
        endian = '@ENDIAN@'

        [binaries]
        c = [@CC@]
        c_ld = [@LD@]
        cpp = [@CXX@]
        cpp_ld = [@LD@]
        ar = '@AR@'
        nm = '@NM@'
        strip = '@STRIP@'
        # pkg-config is the name since meson 1.3, pkgconfig the one before (Debian 12 has meson 1.0).
        pkg-config = '@PKGCONFIG@'
        pkgconfig = '@PKGCONFIG@'
        cmake = '@CMAKE@'
        python = '@PYTHON@'

        [built-in options]
        prefix = '/usr'
        c_args = [@CFLAGS@]
        c_link_args = [@LDFLAGS@]
        cpp_args = [@CXXFLAGS@]
        cpp_link_args = [@LDFLAGS@]

        [properties]
        # The target's programs do not run on the build machine.
        needs_exe_wrapper = true

        """;

    /// <summary>The build machine (programs a build runs while building), installing into the host prefix for host builds.</summary>
    public const string Native = $"""
        # The build machine {HostToolScripts.Marker}; meson.mk fills in the @NAME@ placeholders.
        [binaries]
        c = [@CC@]
        cpp = [@CXX@]
        pkg-config = '@PKGCONFIG@'
        pkgconfig = '@PKGCONFIG@'
        cmake = '@CMAKE@'
        python = '@PYTHON@'

        [built-in options]
        prefix = '@PREFIX@'
        sbindir = 'bin'
        libdir = 'lib'
        c_args = [@CFLAGS@]
        c_link_args = [@LDFLAGS@]
        cpp_args = [@CXXFLAGS@]
        cpp_link_args = [@LDFLAGS@]

        """;

    /// <summary>Writes the templates into <paramref name="directory"/> (staging_dir/host/lib/meson) where they are missing or Kiln's.</summary>
    public static void Place(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in new[] { ("openwrt-cross.txt.in", Cross), ("openwrt-native.txt.in", Native) })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path) && (!HostToolset.IsKilnScript(path) || File.ReadAllText(path) == text)) continue;
            AtomicFile.Write(path, text, (UnixFileMode)0b110_100_100);
        }
    }
}
