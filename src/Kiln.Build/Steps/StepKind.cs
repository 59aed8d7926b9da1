using Kiln.Core.Errors;

namespace Kiln.Build.Steps;

/// <summary>The steps of a package build, in the order they run (host builds have the same, prefixed host-).</summary>
public enum StepKind
{
    Download,
    Prepare,
    Configure,
    Compile,
    Install,
    Pack,
    InstallDev,
}

public static class StepNames
{
    public static string Name(this StepKind step) => step switch
    {
        StepKind.InstallDev => "installdev",
        _ => step.ToString().ToLowerInvariant(),
    };

    /// <summary>The step a user names with --step (prepare, configure, compile, install).</summary>
    public static StepKind Parse(string name) => name switch
    {
        "download" => StepKind.Download,
        "prepare" => StepKind.Prepare,
        "configure" => StepKind.Configure,
        "compile" => StepKind.Compile,
        "install" => StepKind.Install,
        _ => throw new UserError($"unknown step '{name}' (expected download, prepare, configure, compile or install)"),
    };
}
