using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

/// <summary>
/// A scan declares host builds without expanding their steps: like golang's compiler Makefiles,
/// a host step may stop with $(error) on anything but a build host it knows.
/// </summary>
public sealed class HostBuildScanTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-hostscan-").FullName;

    public HostBuildScanTests()
    {
        var path = Path.Combine(_tree, "package", "tool", "Makefile");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """
            include $(TOPDIR)/rules.mk
            PKG_NAME:=tool
            PKG_VERSION:=1.0
            PKG_RELEASE:=1
            include $(INCLUDE_DIR)/host-build.mk
            include $(INCLUDE_DIR)/package.mk
            define Host/Compile
            	$(error tool cannot be built on this host)
            endef
            define Package/tool
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=A tool
            endef
            $(eval $(call HostBuild))
            $(eval $(call BuildPackage,tool))

            """);
    }

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    [Fact]
    public void AHostStepThatStopsABuildDoesNotStopTheScan()
    {
        var result = new MetadataScanner(new ScanOptions(_tree, "package")).Run();
        var scan = result.Makefiles.Single();
        Assert.Null(scan.Error);
        Assert.Contains("Build-Types: host", scan.Output);
        Assert.Contains("Package: tool", scan.Output);
    }
}
