using System.Globalization;
using Kiln.Core.Errors;

namespace Kiln.Build.Cache;

/// <summary>
/// The build cache kiln.conf names: <c>cache = http://HOST:PORT/PREFIX</c> (a Bazel remote-cache
/// server) or <c>cache = DIR</c> (relative to the tree), <c>cache-mode = read|readwrite|off</c>,
/// and for a directory <c>cache-size = 10G</c>, the size it is collected down to.
/// </summary>
public sealed record CacheSettings(string? Location, CacheMode Mode, long? SizeLimit)
{
    public static CacheSettings None { get; } = new(null, CacheMode.ReadWrite, null);

    public bool IsRemote => Location is not null && Location.Contains("://", StringComparison.Ordinal);

    /// <summary>The cache to use, or null when there is none or it is off; credentials for a server come from the environment.</summary>
    public IBuildCache? Open(Func<string, string?> environment, CacheTimeouts? timeouts = null)
    {
        if (Location is null || Mode == CacheMode.Off) return null;
        IBuildCache cache = IsRemote
            ? new HttpBuildCache(new Uri(Location), CacheCredentials.FromEnvironment(environment), timeouts)
            : new DirectoryBuildCache(Location, SizeLimit);
        return Mode == CacheMode.Read ? new ReadOnlyBuildCache(cache) : cache;
    }

    public IBuildCache? Open() => Open(Environment.GetEnvironmentVariable);

    /// <summary>These settings with the command line's <c>--cache</c> and <c>--cache-mode</c> (each null when not given) put over them.</summary>
    /// <param name="workingDirectory">What a relative <c>--cache</c> directory is relative to, as any path given on a command line.</param>
    public CacheSettings With(string? location, string? mode, string workingDirectory)
    {
        var settings = this;
        if (location is not null)
            settings = settings with { Location = ParseLocation(location, workingDirectory, out var problem) ?? throw new UserError(problem + " (--cache)") };
        if (mode is not null)
            settings = settings with { Mode = ParseMode(mode) ?? throw new UserError($"--cache-mode is read, readwrite or off, not '{mode}'") };
        return settings;
    }

    /// <summary>
    /// A <c>cache</c> value: a server's URL as it is, a directory made absolute against <paramref name="topDirectory"/>; null with why
    /// it is neither (nothing, a file, another scheme, credentials in the URL).
    /// </summary>
    public static string? ParseLocation(string value, string topDirectory, out string? problem)
    {
        problem = null;
        if (value.Length == 0)
        {
            problem = "cache names no server or directory (give a URL or a directory, or set cache-mode = off)";
            return null;
        }
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            var directory = Path.GetFullPath(Path.Combine(topDirectory, value));
            if (File.Exists(directory)) problem = $"{directory}: is a file, not a cache directory";
            return problem is null ? directory : null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problem = $"cache '{value}' is neither an http(s) URL nor a directory";
        // kiln.conf is often committed and build logs are shared: secrets live in the environment only.
        else if (uri.UserInfo.Length > 0)
            problem = $"cache URL must not hold credentials: set {CacheCredentials.UserVariable} and {CacheCredentials.PasswordVariable}, or {CacheCredentials.TokenVariable}";
        else if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            problem = $"cache URL '{value}' has a query or fragment";
        return problem is null ? uri!.AbsoluteUri : null;
    }

    internal static CacheMode? ParseMode(string value) => value switch
    {
        "readwrite" => CacheMode.ReadWrite,
        "read" => CacheMode.Read,
        "off" => CacheMode.Off,
        _ => null,
    };

    /// <summary>A size as <c>500M</c>, <c>10G</c> (binary units, as du -h prints them) or plain bytes; null when it is not one.</summary>
    public static long? ParseSize(string value)
    {
        if (value.Length == 0) return null;
        var unit = char.ToUpperInvariant(value[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1L,
        };
        var number = unit == 1 ? value : value[..^1];
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0) return null;
        var bytes = amount * unit;
        return bytes > long.MaxValue ? null : (long)bytes;
    }

    /// <summary>A size as <see cref="ParseSize"/> reads it back: the largest binary unit it reaches, one decimal (du -h's way).</summary>
    public static string FormatSize(long bytes)
    {
        const string units = "KMGT";
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture);
        var (amount, unit) = ((double)bytes / 1024, 0);
        while (amount >= 1024 && unit < units.Length - 1) (amount, unit) = (amount / 1024, unit + 1);
        return (amount < 10 ? amount.ToString("0.#", CultureInfo.InvariantCulture) : amount.ToString("0", CultureInfo.InvariantCulture)) + units[unit];
    }
}
