namespace Kiln.Cli.Tests;

/// <summary>
/// A Makefile that passes the scan (which sets DUMP) and stops with $(error) only when read for
/// building, in each variable and definition a build reads: the build reports that package's
/// Makefile and line, on whatever thread read it.
/// </summary>
public sealed class LateErrorTests
{
    private const string Late = "$(if $(DUMP),,$(error late boom))";

    private static BadInput Build(string name, string body = "", string variable = "") =>
        new($"late error in {name}", BadInput.InTree("build", "--target", "demo/small", "late"))
        {
            Setup = s => s.AddPackage("late", body, variable),
            MayWrite = Writes.Build,
            Matches = @"^\s*package/utils/late/Makefile:\d+: \*\*\* late boom\.  Stop\.$",
        };

    private static BadInput Recipe(string define) => Build(define, $"define {define}\n\t{Late}\nendef");

    private static readonly BadInput[] Cases =
    [
        Build("PKG_FILE_DEPENDS", $"PKG_FILE_DEPENDS = {Late}"),
        Build("PKG_SOURCE_URL", $"PKG_SOURCE_URL = {Late}"),
        Build("PKG_CONFIG_DEPENDS", $"PKG_CONFIG_DEPENDS = {Late}"),
        Build("PKG_BUILD_DIR", $"PKG_BUILD_DIR = {Late}"),
        Build("TARGET_CFLAGS", $"TARGET_CFLAGS = {Late}"),
        Build("DEPENDS", variable: $"  DEPENDS:={Late}"),
        Recipe("Package/late/install"),
        Recipe("Package/late/conffiles"),
        Recipe("Package/late/postinst"),
        Recipe("Build/Prepare"),
        Recipe("Build/Configure"),
        Recipe("Build/Compile"),
        Recipe("Build/InstallDev"),
        // Only the scan reads PKG_BUILD_DEPENDS (a build takes it from there), so its error is not late.
        Build("PKG_BUILD_DEPENDS (read by the scan)", "PKG_BUILD_DEPENDS = $(error late boom)"),
        // PKG_HASH is read only for a package with a source: libgreet's, checked before its download.
        new("late error in PKG_HASH", BadInput.InTree("build", "--target", "demo/small", "libgreet"))
        {
            Setup = s => s.Replace("tree/package/libs/libgreet/Makefile", "^PKG_HASH:=.*$", $"PKG_HASH = {Late}"),
            MayWrite = Writes.Build,
            Matches = @"^\s*package/libs/libgreet/Makefile:\d+: \*\*\* late boom\.  Stop\.$",
        },
    ];

    public static TheoryData<string> Names => BadInput.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public void ALateErrorNamesTheMakefileAndLine(string variable) => BadInput.Check(Cases, variable);
}
