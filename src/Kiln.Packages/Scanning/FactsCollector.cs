using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.OpenWrt.Names;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Scanning;

/// <summary>
/// Gathers <see cref="MakefileFacts"/> during one evaluation. Kiln's package API calls
/// <c>$(kiln-package NAME)</c> where BuildPackage has a package's fields set, and
/// <c>$(kiln-host-build PKG_NAME)</c> from HostBuild (<see cref="ApiNames.Functions"/>); the rest is read once the Makefile has been read.
/// </summary>
public sealed class FactsCollector
{
    /// <summary>The source package variables kept, in this order (those the Makefile leaves undefined are left out).</summary>
    public static readonly string[] SourceVariableNames =
    [
        "PKG_NAME", "PKG_VERSION", "PKG_RELEASE", "PKG_SOURCE", "PKG_SOURCE_URL", "PKG_HASH", "PKG_MIRROR_HASH",
        "PKG_SOURCE_PROTO", "PKG_SOURCE_VERSION", "PKG_SOURCE_DATE", "PKG_SOURCE_SUBDIR", "PKG_LICENSE",
        "PKG_LICENSE_FILES", "PKG_CPE_ID", "PKG_MAINTAINER", "PKG_BUILD_DIR", "PKG_INSTALL_DIR", "PKG_BUILD_PARALLEL",
        "PKG_JOBS", "PKG_INSTALL", "PKG_BUILD_FLAGS", "PKG_CONFIG_DEPENDS", "PKG_FILE_DEPENDS", "PKG_BUILD_DEPENDS",
        "USE_SOURCE_DIR", "PKG_SUBDIRS", "MAKE_PATH", "CONFIGURE_PATH", "PKG_FIXUP", "HOST_BUILD_DEPENDS",
        "PATCH_DIR", "FILES_DIR",
    ];

    /// <summary>The Package/NAME fields kept, in this order.</summary>
    public static readonly string[] PackageFieldNames =
    [
        "SECTION", "CATEGORY", "SUBMENU", "TITLE", "URL", "DEPENDS", "PROVIDES", "CONFLICTS", "EXTRA_DEPENDS",
        "MAINTAINER", "LICENSE", "LICENSE_FILES", "VARIANT", "DEFAULT_VARIANT", "BUILDONLY", "HIDDEN", "PKGARCH",
        "ABI_VERSION", "ALTERNATIVES", "USERID", "DEFAULT", "MENU", "VERSION",
    ];

    /// <summary>The Package/NAME/HOOK definitions looked for.</summary>
    public static readonly string[] HookNames =
        ["install", "installdev", "conffiles", "preinst", "postinst", "prerm", "postrm", "postinst-pkg", "prerm-pkg"];

    private readonly List<(string Name, List<KeyValuePair<string, string>> Fields)> _packages = [];
    private bool _hostBuild;

    /// <summary>The API's package functions, reporting to this collector.</summary>
    public FunctionSet Functions => FunctionSet.Empty
        .With(ApiNames.Functions.Package, 1, 1, (ev, args) => RecordPackage(ev, args[0].Trim()))
        .With(ApiNames.Functions.HostBuild, 1, 1, (_, _) => RecordHostBuild());

    private string RecordPackage(Evaluator ev, string name)
    {
        _packages.Add((name, PackageFieldNames.Select(f => KeyValuePair.Create(f, ev.ValueOf(f) ?? "")).ToList()));
        return "";
    }

    private string RecordHostBuild()
    {
        _hostBuild = true;
        return "";
    }

    /// <summary>The facts, with the source variables and hooks as the finished evaluation has them.</summary>
    public MakefileFacts Finish(Evaluator ev)
    {
        var variables = new List<KeyValuePair<string, string>>();
        foreach (var name in SourceVariableNames)
        {
            if (ev.Variables.Lookup(name) is null) continue;
            try
            {
                variables.Add(KeyValuePair.Create(name, ev.ValueOf(name) ?? ""));
            }
            catch (UserError)
            {
                // A value that cannot be expanded outside a build is left out.
            }
        }
        var packages = _packages.Select(p => new PackageFacts(p.Name, p.Fields,
            HookNames.Where(h => ev.Variables.Lookup($"Package/{p.Name}/{h}") is not null).ToList())).ToList();
        return new MakefileFacts(variables, _hostBuild, packages);
    }
}
