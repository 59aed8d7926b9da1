using System.Net.Http.Headers;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Build.Cache;

/// <summary>
/// How Kiln proves itself to a remote cache: HTTP basic auth or a bearer token, from the
/// environment (never from kiln.conf, which is often committed). Nothing here ever prints a secret.
/// </summary>
public sealed class CacheCredentials
{
    public const string UserVariable = "KILN_CACHE_USER";
    public const string PasswordVariable = "KILN_CACHE_PASSWORD";
    public const string TokenVariable = "KILN_CACHE_TOKEN";

    internal AuthenticationHeaderValue Header { get; }

    private CacheCredentials(AuthenticationHeaderValue header) => Header = header;

    public static CacheCredentials Basic(string user, string password) =>
        new(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));

    public static CacheCredentials Bearer(string token) => new(new AuthenticationHeaderValue("Bearer", token));

    /// <summary>A token if one is set, else a user and password, else none.</summary>
    public static CacheCredentials? FromEnvironment(Func<string, string?> variable)
    {
        if (variable(TokenVariable) is { Length: > 0 } token) return Bearer(token);
        var (user, password) = (variable(UserVariable), variable(PasswordVariable));
        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password)) return null;
        if (string.IsNullOrEmpty(user) || password is null)
            throw new UserError($"*** the build cache's basic auth needs both {UserVariable} and {PasswordVariable} set.");
        return Basic(user, password);
    }

    public override string ToString() => $"{Header.Scheme} credentials";
}
