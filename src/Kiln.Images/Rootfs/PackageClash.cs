namespace Kiln.Images.Rootfs;

/// <summary>
/// Two packages that cannot both be installed (a conflict, a file in both), said the same way
/// wherever it is found: the user's own package first, who asked for each, and the fix when the
/// other is a default or profile package the user's list can take away.
/// </summary>
internal static class PackageClash
{
    /// <param name="clash">What they share, as a phrase between the two: "conflicts with", "/usr/sbin/foo is in both ... and".</param>
    /// <param name="because">Why, when the clash itself does not say (", as a says Conflicts: b"), or empty.</param>
    /// <param name="secondNeeded">Whether another package needs the second one, so that removing it would not help.</param>
    public static string Describe(string firstName, RequestChain first, string secondName, RequestChain second, Func<string, string, string> clash,
        string because, Func<string, bool> secondNeeded)
    {
        if (IsUsers(second) && !IsUsers(first)) (firstName, first, secondName, second) = (secondName, second, firstName, first);
        if (IsUsers(first) && IsUsers(second))
            return $"{clash(firstName, secondName)}{because}, and both are {first.Request.Phrase}: keep one";
        var fix = IsUsers(first) && second.IsDirect && second.Request.Removable && !secondNeeded(secondName)
            ? $": add -{secondName} to {first.Request.Reason}" : "";
        return $"{clash($"{firstName} ({first.Describe()})", $"{secondName} ({second.Describe()})")}{because}{fix}";
    }

    private static bool IsUsers(RequestChain chain) => chain.IsDirect && chain.Request.Origin == RequestOrigin.User;
}
