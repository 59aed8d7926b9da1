namespace Kiln.Lint.Rules;

/// <summary>Every rule <c>kiln lint</c> knows, in the order <c>kiln lint --rules</c> lists them.</summary>
public static class LintRules
{
    private const string Layout = "OpenWrt packages guide: source package layout";
    private const string Patches = "OpenWrt packages guide: patches";
    private const string Versions = "OpenWrt packages guide: versions and PKG_RELEASE";
    private const string Sources = "OpenWrt packages guide: downloads and mirrors";
    private const string Recipes = "OpenWrt packages guide: build recipes";
    private const string Autotools = "OpenWrt packages guide: autotools";
    private const string Dependencies = "OpenWrt packages guide: dependencies";
    private const string Metadata = "OpenWrt packages guide: package metadata";
    private const string Libraries = "OpenWrt packages guide: shared libraries and ABI_VERSION";
    private const string Size = "OpenWrt packages guide: keep runtime packages small";

    public static readonly LintRule MakefileUnreadable = new("makefile/unreadable", Severity.Error,
        "The Makefile cannot be read the way the build reads it.", Layout);

    public static readonly LintRule UnexpectedFile = new("layout/unexpected-file", Severity.Warning,
        "A package directory holds only Makefile, files/, patches/, src/, Config.in and test files.", Layout);
    public static readonly LintRule PatchName = new("layout/patch-name", Severity.Warning,
        "Patches are named NNN-name.patch: a numeric prefix, then ASCII letters, digits and hyphens.", Patches);
    public static readonly LintRule PatchFormat = new("layout/patch-format", Severity.Error,
        "patches/ holds only unified diffs (*.patch).", Patches);
    public static readonly LintRule PatchApplies = new("layout/patch-applies", Severity.Error,
        "Each patch applies cleanly, in order, to the unpacked source (no fuzz, no offset).", Patches, NeedsBuild: true);

    public static readonly LintRule ReleaseMissing = new("versions/release", Severity.Warning,
        "PKG_RELEASE is set, a positive integer starting at 1.", Versions);
    public static readonly LintRule SourceDate = new("versions/source-date", Severity.Error,
        "A package built from a version control checkout sets PKG_SOURCE_DATE as YYYY-MM-DD.", Versions);
    public static readonly LintRule SourceVersion = new("versions/source-version", Severity.Warning,
        "A package built from a git checkout sets PKG_SOURCE_VERSION to a full commit id.", Versions);
    public static readonly LintRule VersionContradicts = new("versions/contradiction", Severity.Warning,
        "PKG_VERSION does not contradict PKG_SOURCE_DATE or PKG_SOURCE_VERSION.", Versions);

    public static readonly LintRule ScmSource = new("sources/scm-clone", Severity.Note,
        "A release tarball is preferred over a clone of the upstream repository.", Sources);
    public static readonly LintRule InsecureGit = new("sources/insecure-git", Severity.Warning,
        "Git sources are fetched over https://, not http:// or git://.", Sources);
    public static readonly LintRule HashMissing = new("sources/hash", Severity.Error,
        "A downloaded source has PKG_HASH (a SHA-256, not skip).", Sources);
    public static readonly LintRule MirrorHashMissing = new("sources/mirror-hash", Severity.Error,
        "A version control source has PKG_MIRROR_HASH (a SHA-256, not skip).", Sources);
    public static readonly LintRule TooManyUrls = new("sources/too-many-urls", Severity.Warning,
        "PKG_SOURCE_URL lists at most five locations.", Sources);
    public static readonly LintRule PlainHttp = new("sources/plain-http", Severity.Warning,
        "A download uses https:// where the host serves it.", Sources);

    public static readonly LintRule VariableWouldDo = new("recipes/variable-would-do", Severity.Warning,
        "A Build/Configure or Build/Compile that only adds arguments or changes directory is a variable (CONFIGURE_ARGS, MAKE_FLAGS, MAKE_PATH, ...).", Recipes);
    public static readonly LintRule DefaultNotCalled = new("recipes/default-not-called", Severity.Warning,
        "A Build/Prepare that replaces the default still unpacks the source and applies patches/ (call Build/Prepare/Default).", Recipes);

    public static readonly LintRule PatchedGeneratedFile = new("autotools/patched-generated", Severity.Warning,
        "Patches edit configure.ac or Makefile.am, not the generated configure or Makefile.in, and PKG_FIXUP:=autoreconf regenerates them.", Autotools);

    public static readonly LintRule UnknownDependency = new("dependencies/unknown", Severity.Error,
        "A dependency names a package that exists.", Dependencies);
    public static readonly LintRule OtherFeedDependency = new("dependencies/other-feed", Severity.Warning,
        "A package depends only on packages of its own feed or the base feed (package/).", Dependencies);
    public static readonly LintRule LinkedBuildDependency = new("dependencies/linked-build-depends", Severity.Error,
        "A package whose shared libraries are linked in is a runtime DEPENDS, not PKG_BUILD_DEPENDS.", Dependencies, NeedsBuild: true);

    public static readonly LintRule TitleMissing = new("metadata/title", Severity.Error,
        "Every package has a TITLE.", Metadata);
    public static readonly LintRule LicenseMissing = new("metadata/license", Severity.Warning,
        "PKG_LICENSE is set.", Metadata);
    public static readonly LintRule LicenseInvalid = new("metadata/license-spdx", Severity.Warning,
        "PKG_LICENSE is a valid SPDX license expression.", Metadata);
    public static readonly LintRule MaintainerMissing = new("metadata/maintainer", Severity.Warning,
        "PKG_MAINTAINER names who looks after the package.", Metadata);
    public static readonly LintRule DescriptionMissing = new("metadata/description", Severity.Note,
        "Every package has a Package/NAME/description.", Metadata);
    public static readonly LintRule CopiedCopyright = new("metadata/openwrt-copyright", Severity.Note,
        "A package outside OpenWrt's own tree does not carry an OpenWrt.org copyright line copied from another Makefile.", Metadata);

    public static readonly LintRule AbiVersionMissing = new("libraries/abi-version", Severity.Warning,
        "A package that ships a versioned shared library sets ABI_VERSION.", Libraries, NeedsBuild: true);
    public static readonly LintRule AbiVersionMismatch = new("libraries/abi-version-soname", Severity.Warning,
        "ABI_VERSION matches the SONAME of the library the package ships.", Libraries, NeedsBuild: true);
    public static readonly LintRule UnversionedLink = new("libraries/unversioned-link", Severity.Warning,
        "A runtime library package does not ship the unversioned libfoo.so development link.", Libraries, NeedsBuild: true);
    public static readonly LintRule CopiedSymlink = new("libraries/copied-symlink", Severity.Warning,
        "Library links are copied as links ($(CP)), not as files ($(INSTALL_BIN), $(INSTALL_DATA)).", Libraries, NeedsBuild: true);
    public static readonly LintRule NeededNotProvided = new("libraries/needed-not-provided", Severity.Error,
        "Every library a program needs (DT_NEEDED) comes from one of the package's dependencies.", Libraries, NeedsBuild: true);

    public static readonly LintRule DevelopmentFiles = new("size/development-files", Severity.Warning,
        "A runtime package ships no man or info pages, documentation, static libraries or headers.", Size, NeedsBuild: true);

    public static readonly IReadOnlyList<LintRule> All =
    [
        MakefileUnreadable,
        UnexpectedFile, PatchName, PatchFormat, PatchApplies,
        ReleaseMissing, SourceDate, SourceVersion, VersionContradicts,
        ScmSource, InsecureGit, HashMissing, MirrorHashMissing, TooManyUrls, PlainHttp,
        VariableWouldDo, DefaultNotCalled,
        PatchedGeneratedFile,
        UnknownDependency, OtherFeedDependency, LinkedBuildDependency,
        TitleMissing, LicenseMissing, LicenseInvalid, MaintainerMissing, DescriptionMissing, CopiedCopyright,
        AbiVersionMissing, AbiVersionMismatch, UnversionedLink, CopiedSymlink, NeededNotProvided,
        DevelopmentFiles,
    ];

    public static LintRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
