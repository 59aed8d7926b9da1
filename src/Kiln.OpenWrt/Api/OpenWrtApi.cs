using System.Reflection;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.OpenWrt.Configuration;
using Kiln.OpenWrt.Names;

namespace Kiln.OpenWrt.Api;

/// <summary>
/// Kiln's own implementation of OpenWrt's package API: <c>$(TOPDIR)/rules.mk</c> and the
/// makefiles of <c>$(TOPDIR)/include/</c> are served from Kiln's embedded copies, whatever the
/// tree has. Data files of the tree's include/ (such as the kernel version pins) are read from
/// the tree; an API makefile Kiln does not provide stops with a message saying so.
/// </summary>
public sealed class OpenWrtApi : IMakefileProvider
{
    // Each file is decoded when an evaluation first reads it: a scan reads a third of them.
    private static readonly Dictionary<string, Lazy<string>> Files = Embedded();
    private readonly string _rulesPath;
    private readonly string _includePrefix;
    private readonly string _configPath;
    private readonly string? _configText;
    private readonly KernelConfig _kernelConfig = new();

    /// <param name="config">What $(TOPDIR)/.config holds for these evaluations, instead of the tree's file.</param>
    public OpenWrtApi(string topDirectory, DotConfig? config = null)
    {
        TopDirectory = topDirectory.TrimEnd('/');
        _rulesPath = TopDirectory + "/rules.mk";
        _includePrefix = TopDirectory + "/include/";
        _configPath = TopDirectory + "/.config";
        _configText = config?.Write();
        Functions = FunctionSet.Empty.With(ApiNames.Functions.KernelConfig, 0, 1, (ev, args) =>
        {
            _kernelConfig.Define(ev, args.Count == 0 ? [] : args[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return "";
        }).With(ApiNames.Functions.SourceDateEpoch, 2, 2, (ev, args) => SourceDateEpoch.Compute(ev, args[0].Trim(), args[1].Trim()));
    }

    /// <summary>The functions the API makefiles call that Kiln provides in C# (those of every evaluation).</summary>
    public FunctionSet Functions { get; }

    public string TopDirectory { get; }

    /// <summary>A hash of every API makefile's name and text: builds made with another API are not up to date.</summary>
    public static string Digest => DigestHolder.Value;

    // Computed on first use, by builds alone: a scan should not pay for hashing every API makefile.
    private static class DigestHolder
    {
        public static readonly string Value = Compute();

        /// <summary>SHA-256 of the names and texts, each followed by NUL but the last text, in name order.</summary>
        private static string Compute()
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var first = true;
            foreach (var (name, file) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var text = file.Value;
                if (!first) hash.AppendData("\0"u8);
                first = false;
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
                hash.AppendData("\0"u8);
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>The names of the API makefiles Kiln provides (rules.mk, include/package.mk, ...).</summary>
    public static IEnumerable<string> Provided => Files.Keys.Order(StringComparer.Ordinal);

    public string? Find(string osPath)
    {
        if (osPath == _rulesPath) return Files["rules.mk"].Value;
        if (_configText is not null && osPath == _configPath) return _configText;
        if (!osPath.StartsWith(_includePrefix, StringComparison.Ordinal)) return null;
        var name = osPath[_includePrefix.Length..];
        if (Files.TryGetValue("include/" + name, out var file)) return file.Value;
        if (!name.EndsWith(".mk", StringComparison.Ordinal)) return null;
        return $"$(error Kiln does not provide the OpenWrt API file include/{name})\n";
    }

    private static Dictionary<string, Lazy<string>> Embedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, Lazy<string>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("api/", StringComparison.Ordinal)) continue;
            files[resource["api/".Length..]] = new Lazy<string>(() => Decode(assembly, resource));
        }
        return files;
    }

    private static string Decode(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Kiln.Make.Text.ByteText.Encoding.GetString(bytes);
    }
}
