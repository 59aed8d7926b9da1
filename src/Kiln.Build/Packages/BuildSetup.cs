using Kiln.Build.Jobs;
using Kiln.Build.Scheduling;
using Kiln.Build.Settings;
using Kiln.Build.Sources;
using Kiln.Build.Toolchains;
using Kiln.Core.Errors;
using Kiln.OpenWrt.Configuration;

namespace Kiln.Build.Packages;

/// <summary>What a build (or clean) of packages starts from.</summary>
public static class BuildSetup
{
    /// <summary>The .config with the toolchain of its architecture, and what rules.mk derives from them.</summary>
    /// <param name="compiles">Packages are compiled: the toolchain must be there (images alone, as in an Image Builder, need none).</param>
    public static BuildContext CreateContext(string topDirectory, DotConfig chosen, Jobserver jobserver, IBuildObserver observer,
        bool compiles = true)
    {
        var config = chosen.Copy();
        var arch = config.Text("ARCH") is { Length: > 0 } a ? a
            : throw new UserError("the .config names no architecture (CONFIG_ARCH): give --target BOARD/SUBTARGET or a .config made for one");
        var toolchain = ToolchainCatalog.For(arch);
        if (compiles) ToolchainCatalog.Check(toolchain);
        var wrapperRoot = Path.Combine(Path.GetFullPath(topDirectory), "staging_dir", "toolchain-" + toolchain.GnuTargetName + "_kiln");
        ToolchainWrappers.Write(toolchain, wrapperRoot);
        foreach (var (symbol, value) in toolchain.ConfigSymbols(wrapperRoot)) config.Set(symbol, value);
        // rules.mk names a native toolchain's directories after what its gcc says (gcc -dumpmachine); without a compiler it reads
        // the target name instead, which is that same name.
        if (!compiles && toolchain.Native) config.Set("NATIVE_TOOLCHAIN", null);
        // Binaries are stripped with the toolchain's strip, as OpenWrt does for glibc, unless the .config says not to.
        if (!config.IsEnabled("NO_STRIP"))
        {
            config.Set("USE_STRIP", "y");
            if (config.Value("STRIP_ARGS") is null) config.Set("STRIP_ARGS", "\"--strip-all\"");
        }

        var settings = KilnSettings.Read(topDirectory);
        var downloader = new Downloader(Path.Combine(topDirectory, "dl"), settings.Mirrors,
            new Progress<DownloadProgress>(p => observer.Message($"downloading {p.File}: {p.Bytes >> 20} MiB"
                + (p.Total is { } t ? $" of {t >> 20} MiB" : ""))));
        return new BuildContext(topDirectory, config, toolchain, downloader, jobserver, Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
    }
}
