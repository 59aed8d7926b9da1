namespace Kiln.Images.Rootfs;

/// <summary>Which list asked for a package: what an explanation says of it, and which fix it can suggest.</summary>
public enum RequestOrigin
{
    /// <summary>The user's own list (Image Builder's PACKAGES, <c>--packages</c>): its <c>-name</c> removals apply to every list.</summary>
    User,
    /// <summary>The target's default packages.</summary>
    Default,
    /// <summary>A profile's (device's) packages.</summary>
    Profile,
    /// <summary>Anything else (the .config, a test).</summary>
    Other,
}

/// <summary>
/// A package someone asked to have (or, in <see cref="PackageSelection.Removals"/>, not to have)
/// in the image, and who asked: "--packages", "the target's default packages", "profile foo",
/// "CONFIG_PACKAGE_foo=y in the .config". Messages about the package name them.
/// </summary>
public sealed record PackageRequest(string Name, string Reason, RequestOrigin Origin = RequestOrigin.Other)
{
    /// <summary>
    /// Who asked, as a phrase that can follow the package's name: "requested by --packages", "a
    /// default package of the target", "a package of profile foo", "asked for by CONFIG_PACKAGE_foo=y in the .config".
    /// </summary>
    public string Phrase => Origin switch
    {
        RequestOrigin.User => "requested by " + Reason,
        RequestOrigin.Default => "a default package of the target",
        RequestOrigin.Profile => "a package of " + Reason,
        _ => "asked for by " + Reason,
    };

    /// <summary>Whether the user could leave it out with <c>-name</c> in their own list (it is not theirs).</summary>
    public bool Removable => Origin is RequestOrigin.Default or RequestOrigin.Profile;
}
