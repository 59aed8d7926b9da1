using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;
using Kiln.Make.Syntax;

namespace Kiln.Lint.Checks;

/// <summary>
/// A step redefined only to add arguments to its default (or to run it in a subdirectory) is a
/// variable the default reads; a Build/Prepare redefined without its default must still unpack
/// the source and apply patches/.
/// </summary>
public sealed class RecipesCheck : IPackageCheck
{
    // Build/Install/Default's argument replaces the make target ("install"), so no variable stands for it.
    /// <summary>A step, the default it may call, and the variables that default reads for each of its arguments ($(1), $(2), $(3)).</summary>
    private sealed record Step(string Name, string Default, string?[] ArgumentVariables, string? PathVariable, string? FlagsVariable);

    private static readonly Step[] Steps =
    [
        new("Build/Configure", "Build/Configure/Default", ["CONFIGURE_ARGS", "CONFIGURE_VARS", "CONFIGURE_PATH"], "CONFIGURE_PATH", "CONFIGURE_ARGS"),
        new("Build/Compile", "Build/Compile/Default", ["MAKE_FLAGS"], "MAKE_PATH", "MAKE_FLAGS"),
        new("Host/Configure", "Host/Configure/Default", ["HOST_CONFIGURE_ARGS", "HOST_CONFIGURE_VARS", null], null, "HOST_CONFIGURE_ARGS"),
        new("Host/Compile", "Host/Compile/Default", ["HOST_MAKE_FLAGS"], "HOST_MAKE_PATH", "HOST_MAKE_FLAGS"),
    ];

    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var findings = new List<Finding>();
        // cmake.mk's Build/Configure/Default takes no arguments (CMAKE_OPTIONS is its variable).
        var cmake = package.Lines.Of(package.Makefile).Any(l => l.Contains("cmake.mk", StringComparison.Ordinal));
        foreach (var step in Steps)
            if (!(cmake && step.Name == "Build/Configure") && package.Own(step.Name) is { IsDefine: true } define && Suggestion(step, CommandLines(define)) is { } suggestion)
                findings.Add(new Finding(LintRules.VariableWouldDo, define.Location, $"define {step.Name} only {suggestion}"));
        CheckPrepare(package, findings);
        return findings;
    }

    /// <summary>The body's lines that do something (blank lines and comments left out).</summary>
    private static List<string> CommandLines(MakefileAssignment define) =>
        define.BodyLines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static string? Suggestion(Step step, List<string> lines)
    {
        if (lines.Count != 1) return null;
        var line = lines[0].TrimStart('+', '@', '-');
        var call = "$(call " + step.Default + ",";
        if (line.StartsWith(call, StringComparison.Ordinal) && line.EndsWith(')'))
            return ArgumentsSuggestion(step, ExprParser.CallArguments(line[call.Length..^1]));
        // The default's own command with another directory: +$(MAKE_VARS) $(MAKE) $(PKG_JOBS) -C $(PKG_BUILD_DIR)/DIR $(MAKE_FLAGS) ...
        if (step.PathVariable is { } pathVariable && step.FlagsVariable is { } flags && line.Contains("$(MAKE)", StringComparison.Ordinal)
            && line.Contains("$(" + flags + ")", StringComparison.Ordinal) && SubdirectoryOf(line) is { } subdirectory)
            return $"runs the default's make in {subdirectory}: set {pathVariable}:={subdirectory} (and add any extra arguments to {flags})";
        return null;
    }

    private static string? ArgumentsSuggestion(Step step, List<string> arguments)
    {
        var parts = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Trim().Length == 0) continue;
            if (i >= step.ArgumentVariables.Length || step.ArgumentVariables[i] is not { } variable) return null;
            parts.Add(variable.EndsWith("_PATH", StringComparison.Ordinal)
                ? $"{variable}:={arguments[i].Trim()}" : $"{variable} += {arguments[i].Trim()}");
        }
        return parts.Count == 0 ? null : $"passes arguments to {step.Default}: drop it and set {string.Join(", ", parts)}";
    }

    /// <summary>DIR in "-C $(PKG_BUILD_DIR)/DIR" (or $(HOST_BUILD_DIR)), or null when make runs in the build directory itself.</summary>
    private static string? SubdirectoryOf(string line)
    {
        foreach (var root in new[] { "-C $(PKG_BUILD_DIR)/", "-C $(HOST_BUILD_DIR)/" })
        {
            var at = line.IndexOf(root, StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = line[(at + root.Length)..];
            var end = rest.IndexOfAny([' ', '\t']);
            var directory = (end >= 0 ? rest[..end] : rest).TrimEnd('/');
            return directory.Length > 0 && !directory.Contains('$') ? directory : null;
        }
        return null;
    }

    private static void CheckPrepare(LintedPackage package, List<Finding> findings)
    {
        if (package.Own("Build/Prepare") is not { IsDefine: true } define) return;
        var body = define.RawValue;
        if (body.Contains("Build/Prepare/Default", StringComparison.Ordinal)) return;
        var hasPatches = package.Source.Files.Patches.Count > 0;
        var downloads = package.SourceKind() != SourceKind.None;
        var unpacks = body.Contains("PKG_UNPACK", StringComparison.Ordinal) || body.Contains("$(TAR)", StringComparison.Ordinal)
            || body.Contains("tar ", StringComparison.Ordinal) || body.Contains("unzip", StringComparison.Ordinal)
            || body.Contains("DL_DIR", StringComparison.Ordinal) || body.Contains("PKG_SOURCE", StringComparison.Ordinal);
        var patches = body.Contains("Build/Patch", StringComparison.Ordinal) || body.Contains("PatchDir", StringComparison.Ordinal)
            || body.Contains("PATCH_DIR", StringComparison.Ordinal);
        if (downloads && !unpacks)
            findings.Add(new Finding(LintRules.DefaultNotCalled, define.Location,
                $"define Build/Prepare replaces the default without calling it, and does not unpack {package.Variable("PKG_SOURCE")?.Trim()}: call $(call Build/Prepare/Default) first"));
        else if (hasPatches && !patches)
            findings.Add(new Finding(LintRules.DefaultNotCalled, define.Location,
                $"define Build/Prepare replaces the default without calling it, so the {package.Source.Files.Patches.Count} patch(es) of patches/ are never applied: call $(call Build/Prepare/Default) or $(Build/Patch)"));
    }
}
