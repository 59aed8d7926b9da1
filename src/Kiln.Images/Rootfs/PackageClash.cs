namespace Kiln.Images.Rootfs;

/// <summary>
/// Two packages that cannot both be installed (a conflict, a file in both), said the same way
/// wherever it is found: the user's own package first, who asked for each (and which name it was
/// chosen for, when it was a choice), and the fix when the other is a default or profile package
/// the user's list can take away.
/// </summary>
internal static class PackageClash
{
    /// <summary>One of the two: its name, why it is there, and why it was taken for a name several answer to.</summary>
    public sealed record Side(string Name, RequestChain Why, string? Choice)
    {
        public static Side Of(PlannedPackage planned) => new(planned.Package.Name, planned.Why, planned.Choice);

        public string Described => Choice is null ? $"{Name} ({Why.Describe()})" : $"{Name} ({Why.Describe()}, {Choice})";
    }

    /// <param name="clash">The sentence around the two, given each as text: "{a} conflicts with {b}", "/usr/sbin/foo is in both {a} and {b}".</param>
    /// <param name="because">Why, when the clash itself does not say (", as a says Conflicts: b"), or empty.</param>
    /// <param name="needed">Whether another package needs the named one, so that removing it would not help.</param>
    public static string Describe(Side first, Side second, Func<string, string, string> clash, string because, Func<string, bool> needed)
    {
        if (IsUsers(second.Why) && !IsUsers(first.Why)) (first, second) = (second, first);
        if (IsUsers(first.Why) && IsUsers(second.Why))
            return $"{clash(first.Name, second.Name)}{because}, and both are {first.Why.Request.Phrase}: keep one";
        var fix = IsUsers(first.Why) && second.Why.IsDirect && second.Why.Request.Removable && !needed(second.Name)
            ? $": add -{second.Name} to {first.Why.Request.Reason}" : "";
        return $"{clash(first.Described, second.Described)}{because}{fix}";
    }

    private static bool IsUsers(RequestChain chain) => chain.IsDirect && chain.Request.Origin == RequestOrigin.User;
}
