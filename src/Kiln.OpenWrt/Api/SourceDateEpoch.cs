using System.Security.Cryptography;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.OpenWrt.Api;

/// <summary>
/// <c>$(kiln-source-date-epoch SCRIPT,DIR)</c>: what OpenWrt 24.10's scripts/get_source_date_epoch.sh prints for DIR
/// (DIR/version.date, else the time of DIR's last commit, else the script's own modification time), worked out
/// without running it where that can be done exactly: the script is that very script, and DIR is in no git or
/// hg checkout. What the answer rests on is reported to the evaluation's inputs (the script's bytes and time,
/// version.date, the absence of .git and .hg), so a kept result is checked without starting three processes per
/// package. Empty when the script must run (the caller falls back to $(shell)).
/// </summary>
internal static class SourceDateEpoch
{
    /// <summary>The SHA-256 of OpenWrt 24.10's scripts/get_source_date_epoch.sh, the only script whose behaviour this reproduces.</summary>
    private static readonly byte[] KnownScript = Convert.FromHexString("699d593daa432bc031eb0dc7f25ccd22982f9aafc06c19b558e6da95f7d0f516");

    public static string Compute(Evaluator evaluator, string script, string directory)
    {
        var inputs = evaluator.Options.Inputs;
        var osScript = ByteText.ToOs(script);
        byte[] bytes;
        try
        {
            // A link would have perl report its target's time: not worth reproducing.
            if (!Path.IsPathRooted(osScript) || new FileInfo(osScript).LinkTarget is not null) return "";
            bytes = File.ReadAllBytes(osScript);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
        var hash = SHA256.HashData(bytes);
        inputs?.FileRead(osScript, hash);
        if (!hash.AsSpan().SequenceEqual(KnownScript) || !directory.StartsWith('/')) return "";

        var versionFile = directory + "/version.date";
        if (evaluator.Files.IsFile(ByteText.ToOs(versionFile)))
        {
            var version = File.ReadAllBytes(ByteText.ToOs(versionFile));
            inputs?.FileRead(ByteText.ToOs(versionFile), SHA256.HashData(version));
            var trimmed = ByteText.Encoding.GetString(version).TrimEnd('\n');
            if (trimmed.Length > 0) return trimmed.Contains('\n') ? "" : trimmed;
        }
        // git and hg look for their checkout from DIR upwards; GIT_DIR would point git elsewhere.
        inputs?.EnvironmentRead("GIT_DIR");
        if (evaluator.Environment.ContainsKey("GIT_DIR")) return "";
        for (var at = directory.TrimEnd('/'); ; at = at[..at.LastIndexOf('/')])
        {
            var osDirectory = ByteText.ToOs(at.Length == 0 ? "/" : at);
            if (evaluator.Files.Exists(Path.Combine(osDirectory, ".git")) || evaluator.Files.Exists(Path.Combine(osDirectory, ".hg"))) return "";
            if (at.Length == 0) break;
        }
        // try_mtime: perl prints the script's modification time, if there is a perl.
        inputs?.EnvironmentRead("PATH");
        if (Executables.Resolve("perl", evaluator.Environment.GetValueOrDefault("PATH"), "/").Program is null) return "";
        var seconds = new DateTimeOffset(File.GetLastWriteTimeUtc(osScript)).ToUnixTimeSeconds();
        inputs?.FileTimeRead(osScript, seconds);
        return seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
