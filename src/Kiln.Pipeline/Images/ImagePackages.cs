using Kiln.Images.Rootfs;
using Kiln.OpenWrt.Configuration;
using Kiln.Targets.Model;

namespace Kiln.Pipeline.Images;

/// <summary>
/// Which packages an image asks for, and who asked: the target's default packages and the
/// profiles' packages (a <c>-name</c> among them takes one away, as OpenWrt merges them), the
/// packages the .config selects, and those the user lists (Image Builder's <c>PACKAGES="a b -c"</c>).
/// Default and profile packages are wanted only when some feed has them, as OpenWrt's menus offer
/// only the default packages the tree has; the others must be found.
/// </summary>
public sealed class ImagePackages
{
    private readonly List<PackageRequest> _install = [];
    private readonly List<PackageRequest> _remove = [];

    public IReadOnlyList<PackageRequest> Install => _install;

    public IReadOnlyList<PackageRequest> Remove => _remove;

    /// <summary>The default packages of the target and those of its chosen profiles.</summary>
    public static ImagePackages Defaults(Target target, IEnumerable<TargetProfile> profiles, Func<string, bool> available)
    {
        var packages = new ImagePackages();
        packages.AddWords(target.DefaultPackages, "the target's default packages", available);
        foreach (var profile in profiles) packages.AddWords(profile.Packages, $"the packages of profile {profile.DeviceName}", available);
        return packages;
    }

    /// <summary>Adds what the .config selects (CONFIG_PACKAGE_name=y; m is a package kept out of the image).</summary>
    public void AddSelected(DotConfig config)
    {
        foreach (var name in config.SelectedPackages)
            if (config.Value("PACKAGE_" + name) == "y") Add(name, $"CONFIG_PACKAGE_{name}=y in the .config");
    }

    /// <summary>Adds the user's list: names to install, <c>-name</c> to leave out.</summary>
    public void AddListed(string list, string reason)
    {
        foreach (var word in list.Split([' ', '\t', '\n', ','], StringSplitOptions.RemoveEmptyEntries))
            if (word.StartsWith('-')) RemoveNamed(word[1..], reason);
            else Add(word, reason);
    }

    /// <summary>The names to build for the image (what is installed from the tree's own packages).</summary>
    public IReadOnlyList<string> Names => _install.Select(r => r.Name).ToList();

    private void AddWords(IEnumerable<string> words, string reason, Func<string, bool> available)
    {
        foreach (var word in words)
            if (word.StartsWith('-')) RemoveNamed(word[1..], reason);
            else if (available(word)) Add(word, reason);
    }

    private void Add(string name, string reason)
    {
        _remove.RemoveAll(r => r.Name == name);
        if (!_install.Exists(r => r.Name == name)) _install.Add(new PackageRequest(name, reason));
    }

    private void RemoveNamed(string name, string reason)
    {
        _install.RemoveAll(r => r.Name == name);
        if (!_remove.Exists(r => r.Name == name)) _remove.Add(new PackageRequest(name, reason));
    }
}
