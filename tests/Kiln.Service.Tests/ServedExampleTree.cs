using System.Diagnostics;

namespace Kiln.Service.Tests;

/// <summary>
/// A copy of the example tree built for Malta (<c>kiln build --target malta/le --kernel K</c>, Debian's kernel as
/// scripts/fetch-kernels leaves it) and served by a real <c>kiln serve</c> process on a free loopback port, one worker.
/// </summary>
public sealed class ServedExampleTree : IDisposable
{
    public const string Target = "malta/le";

    /// <summary>Built besides the tree's packages; both install /etc/clash.conf, so no image can hold the two.</summary>
    public static readonly string[] Clashing = ["clash-a", "clash-b"];

    private readonly Process _serve;
    private readonly Task<string> _stderr;

    public ServedExampleTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "kiln-service-tests", Guid.NewGuid().ToString("N"));
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tree"), Top);
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mirror"), Path.Combine(Root, "mirror"));
        // Two packages that both install /etc/clash.conf: they resolve, and the image stage refuses them.
        foreach (var name in Clashing) AddClashingPackage(name);
        Kiln(TimeSpan.FromMinutes(8), "build", "--target", Target, "--kernel", Kernel);
        Kiln(TimeSpan.FromMinutes(2), ["build", "--target", Target, .. Clashing]);
        var start = new ProcessStartInfo(Program)
        {
            WorkingDirectory = Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Port 0: the kernel picks a free one, and kiln serve prints its URL once it answers there.
        foreach (var a in new[] { "--topdir", Top, "serve", "--listen", "127.0.0.1:0", "--kernel", Kernel, "--workers", "1" })
            start.ArgumentList.Add(a);
        _serve = Process.Start(start)!;
        _serve.StandardInput.Close();
        _stderr = _serve.StandardError.ReadToEndAsync();
        var url = _serve.StandardOutput.ReadLineAsync();
        if (!url.Wait(TimeSpan.FromSeconds(60)) || url.Result is null)
        {
            if (!_serve.HasExited) _serve.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"kiln serve printed no URL within 60 s:\n{_stderr.Result}");
        }
        Address = url.Result.TrimEnd('/');
        _ = _serve.StandardOutput.ReadToEndAsync();
    }

    /// <summary>The scratch folder: tree/ (the served tree) and mirror/ beside it, as the tree's kiln.conf expects.</summary>
    public string Root { get; }

    public string Top => Path.Combine(Root, "tree");

    /// <summary>The service's base address, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    /// <summary>The directory the build left Malta's images and profiles.json in.</summary>
    public string Images => Path.Combine(Top, "bin", "targets", Target);

    private static string Program => Path.Combine(AppContext.BaseDirectory, "kiln");

    private static string Kernel => Path.Combine(Environment.GetEnvironmentVariable("KILN_KERNELS")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache"),
            "kiln", "kernels"), "malta-le", "vmlinux");

    private void Kiln(TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(Program) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["--topdir", Top, .. arguments]) start.ArgumentList.Add(a);
        using var kiln = Process.Start(start)!;
        var stdout = kiln.StandardOutput.ReadToEndAsync();
        var stderr = kiln.StandardError.ReadToEndAsync();
        if (!kiln.WaitForExit(limit))
        {
            kiln.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"kiln {string.Join(' ', arguments)} still ran after {limit.TotalMinutes:0} minutes");
        }
        if (kiln.ExitCode != 0)
            throw new InvalidOperationException($"kiln {string.Join(' ', arguments)} failed ({kiln.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
    }

    private void AddClashingPackage(string name)
    {
        var directory = Path.Combine(Top, "package", "utils", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Makefile"), $"""
            include $(TOPDIR)/rules.mk

            PKG_NAME:={name}
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/{name}
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Installs /etc/clash.conf
            endef

            define Package/{name}/install
            	$(INSTALL_DIR) $(1)/etc
            	echo {name} > $(1)/etc/clash.conf
            endef

            define Build/Compile
            	true
            endef

            $(eval $(call BuildPackage,{name}))

            """);
    }

    public void Dispose()
    {
        if (!_serve.HasExited) _serve.Kill(entireProcessTree: true);
        _serve.WaitForExit();
        _serve.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build the service still lets go of: the temp folder is cleaned anyway.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
