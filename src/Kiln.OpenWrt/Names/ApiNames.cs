namespace Kiln.OpenWrt.Names;

/// <summary>
/// Every name that Kiln's API makefiles (Api/*.mk) and its C# code share: the functions the API
/// calls, the variables it leaves for the build to read, and the recipes it defines. Spelled here
/// only, so a rename in one place cannot silently miss the other (a test reads the .mk text).
/// </summary>
public static class ApiNames
{
    /// <summary>Functions the API calls, which the stage reading the makefile provides.</summary>
    public static class Functions
    {
        /// <summary><c>$(kiln-package NAME)</c>: BuildPackage has the fields of binary package NAME set (DUMP=1).</summary>
        public const string Package = "kiln-package";

        /// <summary><c>$(kiln-host-build PKG_NAME)</c>: the Makefile has a host build.</summary>
        public const string HostBuild = "kiln-host-build";

        /// <summary><c>$(kiln-kconfig FILES)</c>: define the kernel configuration merged from FILES.</summary>
        public const string KernelConfig = "kiln-kconfig";

        /// <summary><c>$(kiln-device NAME)</c>: the device's variables are set as its image build sees them.</summary>
        public const string Device = "kiln-device";

        /// <summary><c>$(kiln-devices NAMES)</c>: read these devices, one at a time.</summary>
        public const string Devices = "kiln-devices";

        /// <summary><c>$(kiln-source-date-epoch SCRIPT,DIR)</c>: what SCRIPT (get_source_date_epoch.sh) prints for DIR, when Kiln can tell without running it.</summary>
        public const string SourceDateEpoch = "kiln-source-date-epoch";

        public static readonly string[] All = [Package, HostBuild, KernelConfig, Device, Devices, SourceDateEpoch];
    }

    /// <summary>Variables the API sets for the build to read.</summary>
    public static class Variables
    {
        /// <summary>The names of the package's downloads.</summary>
        public const string Downloads = "KILN_DOWNLOADS";

        /// <summary>The binary packages the Makefile declares.</summary>
        public const string Packages = "KILN_PACKAGES";

        /// <summary>Non-empty when the package defines Build/InstallDev.</summary>
        public const string InstallDev = "KILN_INSTALLDEV";

        /// <summary>Where Build/InstallDev installs before the files are staged.</summary>
        public const string StageDirectory = "KILN_STAGE_DIR";

        /// <summary>The list of files the package staged.</summary>
        public const string StagingList = "KILN_STAGING_LIST";

        /// <summary>The git directory a package is prepared from instead of its download (git-src), when it is.</summary>
        public const string GitTree = "KILN_GIT_TREE";

        private const string DownloadPrefix = "KILN_DOWNLOAD/";
        private const string InstallDirectoryPrefix = "KILN_IDIR/";
        private const string ArchitecturePrefix = "KILN_PKGARCH/";
        private const string InstalledNamePrefix = "KILN_INSTALLED_NAME/";

        public static readonly string[] All =
            [Downloads, Packages, InstallDev, StageDirectory, StagingList, GitTree, DownloadPrefix, InstallDirectoryPrefix, ArchitecturePrefix,
                InstalledNamePrefix];

        /// <summary>FILE|URL|HASH|MIRROR_HASH|PROTO|VERSION|SUBDIR|URL_FILE|SUBMODULES of one download.</summary>
        public static string Download(string name) => DownloadPrefix + name;

        /// <summary>The install directory of a binary package (ipkg-ARCH/NAME).</summary>
        public static string InstallDirectory(string package) => InstallDirectoryPrefix + package;

        public static string Architecture(string package) => ArchitecturePrefix + package;

        /// <summary>The package's name with its ABI suffix.</summary>
        public static string InstalledName(string package) => InstalledNamePrefix + package;
    }

    /// <summary>
    /// The rules whose recipes are each step's (written where OpenWrt writes its stamp rules), and
    /// the control file template.
    /// </summary>
    public static class Recipes
    {
        private const string StepPrefix = "Kiln/Recipe/";
        private const string InstallPrefix = "Kiln/Recipe/install/";
        private const string ControlPrefix = "Kiln/Control/";

        /// <summary>Prefixes of the rule targets.</summary>
        public static readonly string[] Rules = [StepPrefix, InstallPrefix];

        /// <summary>Prefixes of the variables (defines).</summary>
        public static readonly string[] Defines = [ControlPrefix];

        /// <summary>prepare, configure, compile, installdev, host-prepare, ...</summary>
        public static string Step(string step) => StepPrefix + step;

        /// <summary>Package/NAME/install into the package's install directory.</summary>
        public static string Install(string package) => InstallPrefix + package;

        /// <summary>The package's control file, as the API writes it.</summary>
        public static string Control(string package) => ControlPrefix + package;
    }
}
