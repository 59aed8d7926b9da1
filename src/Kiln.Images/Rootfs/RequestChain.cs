using System.Text;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Why a package is in the image: the request that started it and the packages that led from the
/// requested one to it, each needing the next (empty when the package itself was asked for).
/// </summary>
public sealed record RequestChain(PackageRequest Request, IReadOnlyList<string> Dependents)
{
    public static RequestChain Asked(PackageRequest request) => new(request, []);

    /// <summary>Whether the package was asked for itself, not brought in by another.</summary>
    public bool IsDirect => Dependents.Count == 0;

    /// <summary>The chain of a package that <paramref name="dependent"/> (which this chain brought in) needs.</summary>
    public RequestChain NeededBy(string dependent)
    {
        var dependents = new List<string>(Dependents.Count + 1);
        dependents.AddRange(Dependents);
        dependents.Add(dependent);
        return new RequestChain(Request, dependents);
    }

    /// <summary>
    /// The reason as a phrase that follows the package's name: "requested by --packages", "a
    /// default package of the target", or "needed by libgreet1, which is needed by greeter,
    /// requested by --packages".
    /// </summary>
    public string Describe()
    {
        if (Dependents.Count == 0) return Request.Phrase;
        var text = new StringBuilder("needed by ").Append(Dependents[^1]);
        for (var i = Dependents.Count - 2; i >= 0; i--) text.Append(", which is needed by ").Append(Dependents[i]);
        return text.Append(", ").Append(Request.Phrase).ToString();
    }
}
