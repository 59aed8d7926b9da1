using Kiln.Core.Errors;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Packages asked for and packages asked away, in Image Builder's PACKAGES syntax: names
/// separated by white space, "-name" to remove one. A removal takes the name out of the request
/// only: a package that another one depends on would still come in as a dependency (Image Builder
/// drops the word from the list it hands opkg, and opkg pulls the package back in), which
/// <see cref="InstallPlanner"/> refuses with the package that needs it.
/// </summary>
public sealed record PackageSelection(IReadOnlyList<PackageRequest> Installs, IReadOnlyList<PackageRequest> Removals)
{
    public static PackageSelection Parse(string text, string reason, RequestOrigin origin = RequestOrigin.Other)
    {
        var installs = new List<PackageRequest>();
        var removals = new List<PackageRequest>();
        foreach (var word in text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "-") throw new UserError($"{reason}: '-' alone names no package to remove");
            if (word[0] == '-') removals.Add(new PackageRequest(word[1..], reason, origin));
            else installs.Add(new PackageRequest(word, reason, origin));
        }
        return new PackageSelection(installs, removals);
    }

    /// <summary>
    /// What Image Builder's Makefile makes of a profile's lists and the user's PACKAGES: the
    /// profile's packages (target defaults, the device's) sorted and without duplicates, less every
    /// name the profile removes; the user's packages in front of them, in the user's order (so opkg
    /// installs them first: a requested provider of a name meets a default package's dependency on
    /// it before the default's own choice is looked at); and the user's removals, which apply to the
    /// whole list (a profile's removal does not take away a package the user asks for).
    /// </summary>
    public static PackageSelection ImageBuilder(IReadOnlyList<PackageSelection> profile, PackageSelection user)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selection in profile)
            foreach (var removal in selection.Removals) removed.Add(removal.Name);
        // make's $(filter-out) drops a name that a removal names, whichever list the removal came from.
        var first = new SortedDictionary<string, PackageRequest>(StringComparer.Ordinal);
        foreach (var selection in profile)
            foreach (var install in selection.Installs)
                if (!removed.Contains(install.Name)) first.TryAdd(install.Name, install);
        var installs = new List<PackageRequest>(user.Installs);
        installs.AddRange(first.Values);
        return new PackageSelection(installs, user.Removals);
    }
}
