using System.Runtime.Versioning;

// Root filesystems (file modes, links, bubblewrap, utimensat) are Linux's: so are these tests.
[assembly: SupportedOSPlatform("linux")]
