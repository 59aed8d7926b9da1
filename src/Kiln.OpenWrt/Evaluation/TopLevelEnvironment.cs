using System.Runtime.InteropServices;
using Kiln.Make.Text;

namespace Kiln.OpenWrt.Evaluation;

/// <summary>
/// The environment OpenWrt's top-level Makefile (with include/toplevel.mk) gives every package,
/// tool and target make it starts: the host's names (HOST_OS, HOST_ARCH, GNU_HOST_NAME), a fixed
/// locale and time zone, empty CFLAGS and LDFLAGS, and none of the variables it unexports, which
/// would otherwise change what recipes do.
/// </summary>
public static class TopLevelEnvironment
{
    private static readonly string[] Unexported =
        ["P4PORT", "P4USER", "P4CONFIG", "P4CLIENT", "QUILT_PATCHES", "QUILT_PATCH_OPTS", "C_INCLUDE_PATH", "CROSS_COMPILE", "ARCH", "LPATH", "TAR_OPTIONS"];

    /// <param name="process">The environment Kiln was started with.</param>
    /// <param name="topDirectory">The tree (canonical), as byte text.</param>
    public static Dictionary<string, string> For(IReadOnlyDictionary<string, string> process, string topDirectory)
    {
        var environment = new Dictionary<string, string>(process, StringComparer.Ordinal);
        foreach (var name in Unexported) environment.Remove(name);
        var path = environment.GetValueOrDefault("PATH", "/usr/bin:/bin");
        environment.TryAdd("ORIG_PATH", path);
        environment["TOPDIR"] = topDirectory;
        environment["LC_ALL"] = "C";
        environment["LANG"] = "C";
        environment["TZ"] = "UTC";
        environment["OPENWRT_BUILD"] = "1";
        environment["IS_TTY"] = "0";
        environment["GREP_OPTIONS"] = "";
        environment["CDPATH"] = "";
        environment["CFLAGS"] = "";
        environment["LDFLAGS"] = "";
        environment["GIT_ASKPASS"] = "/bin/true";
        environment["GIT_CONFIG_PARAMETERS"] = "'core.autocrlf=false'";
        environment["HOST_OS"] = HostOs;
        environment["HOST_ARCH"] = HostArch;
        environment["GNU_HOST_NAME"] = GnuHostName;
        environment["STAGING_DIR_HOST"] = topDirectory + "/staging_dir/host";
        return environment;
    }

    /// <summary>
    /// The environment of a metadata scan: as <see cref="For"/>, without HOST_ARCH. OpenWrt's reference
    /// metadata (and the .config made from it) comes from scan.mk run without toplevel.mk's
    /// HOST_ARCH, so a board offered only on some hosts (uml, on x86_64) is not in it.
    /// </summary>
    public static Dictionary<string, string> ForMetadataScan(IReadOnlyDictionary<string, string> process, string topDirectory)
    {
        var environment = For(process, topDirectory);
        environment.Remove("HOST_ARCH");
        return environment;
    }

    /// <summary>What <c>uname</c> prints.</summary>
    public static string HostOs => ReadKernelName("ostype") ?? (OperatingSystem.IsMacOS() ? "Darwin" : "Linux");

    /// <summary>What <c>uname -m</c> prints.</summary>
    public static string HostArch => ReadKernelName("arch") ?? RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        Architecture.Arm => "armv7l",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>What scripts/config.guess prints for a glibc Linux host (x86 machines have the vendor "pc").</summary>
    public static string GnuHostName
    {
        get
        {
            var arch = HostArch;
            var vendor = arch is "x86_64" or "i386" or "i486" or "i586" or "i686" ? "pc" : "unknown";
            return $"{arch}-{vendor}-{HostOs.ToLowerInvariant()}-gnu";
        }
    }

    /// <summary>The kernel's own answer (/proc/sys/kernel/NAME), without starting uname.</summary>
    private static string? ReadKernelName(string name)
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/kernel/" + name).Trim();
            return text.Length > 0 ? ByteText.FromOs(text) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
