namespace Kiln.Cli.Tests;

/// <summary>
/// A fresh temporary folder for one case: usually with a copy of the example tree (tree/) and its
/// mirror (mirror/) beside it, as the tree's kiln.conf expects. kiln runs with it as its working
/// directory, so everything a case can create lands in it and shows in <see cref="Snapshot"/>.
/// </summary>
public sealed class Scratch : IDisposable
{
    /// <summary>The line of <see cref="AddPackage"/>'s Makefile where the body starts.</summary>
    public const int PackageBodyLine = 24;

    private static string Fixtures => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public Scratch(bool withTree)
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kiln-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (!withTree) return;
        Copy(System.IO.Path.Combine(Fixtures, "tree"), Top);
        Copy(System.IO.Path.Combine(Fixtures, "mirror"), Path("mirror"));
    }

    public string Root { get; }

    public string Top => Path("tree");

    /// <summary>A path in the scratch folder; one that does not exist, such as a mistyped tree, stays inside it too.</summary>
    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path(relative))!);
        File.WriteAllText(Path(relative), text);
        return Path(relative);
    }

    public string WriteBytes(string relative, byte[] bytes)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path(relative))!);
        File.WriteAllBytes(Path(relative), bytes);
        return Path(relative);
    }

    public string MakeDirectory(string relative) => Directory.CreateDirectory(Path(relative)).FullName;

    /// <summary>Puts a regular file where the tree has (or a build makes) a directory.</summary>
    public void FileInsteadOfDirectory(string relative)
    {
        if (Directory.Exists(Path(relative))) Directory.Delete(Path(relative), recursive: true);
        Write(relative, "a file where a directory belongs\n");
    }

    public void Symlink(string relative, string target)
    {
        if (File.Exists(Path(relative))) File.Delete(Path(relative));
        File.CreateSymbolicLink(Path(relative), target);
    }

    public void Append(string relative, string text) => File.AppendAllText(Path(relative), text);

    public void Replace(string relative, string pattern, string replacement)
    {
        var text = File.ReadAllText(Path(relative));
        var changed = System.Text.RegularExpressions.Regex.Replace(text, pattern, replacement.Replace("$", "$$"),
            System.Text.RegularExpressions.RegexOptions.Multiline);
        if (changed == text) throw new InvalidOperationException($"{relative}: nothing matches {pattern}");
        File.WriteAllText(Path(relative), changed);
    }

    /// <summary>
    /// A package that builds (compiling and installing nothing) unless <paramref name="body"/>,
    /// written at line <see cref="PackageBodyLine"/>, or <paramref name="variable"/>, a line in
    /// its Package/NAME definition, spoils it.
    /// </summary>
    public void AddPackage(string name, string body = "", string variable = "") =>
        Write($"tree/package/utils/{name}/Makefile", $"""
            include $(TOPDIR)/rules.mk

            PKG_NAME:={name}
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/{name}
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=A package that goes wrong
            {variable}
            endef

            define Package/{name}/install
            	true
            endef

            define Build/Compile
            	true
            endef

            {body}
            $(eval $(call BuildPackage,{name}))

            """);

    /// <summary>Runs kiln to prepare a case (making a key pair, signing, indexing); it must succeed.</summary>
    public void Kiln(params string[] arguments)
    {
        var run = KilnProcess.Run(Root, arguments);
        if (run.Status != 0) throw new InvalidOperationException("preparing the case failed:\n" + run);
    }

    /// <summary>Makes the key pair of the scratch tree.</summary>
    public void MakeKey() => Kiln("--topdir", Top, "key");

    /// <summary>Signs a file with the key pair of <paramref name="tree"/>, a second copy of the example tree when it is not tree/.</summary>
    public void Sign(string relative, string tree = "tree")
    {
        if (!Directory.Exists(Path(tree))) Copy(System.IO.Path.Combine(Fixtures, "tree"), Path(tree));
        Kiln("--topdir", Path(tree), "sign", Path(relative));
    }

    /// <summary>Every path below the root (symbolic links are not followed) with its kind: d, f, l or o(ther).</summary>
    public SortedDictionary<string, char> Snapshot()
    {
        var entries = new SortedDictionary<string, char>(StringComparer.Ordinal);
        void Walk(DirectoryInfo directory)
        {
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                var relative = System.IO.Path.GetRelativePath(Root, entry.FullName);
                if (entry.LinkTarget is not null) entries[relative] = 'l';
                else if (entry is DirectoryInfo sub)
                {
                    entries[relative] = 'd';
                    Walk(sub);
                }
                else entries[relative] = (entry.Attributes & (FileAttributes.Device | FileAttributes.System)) != 0 ? 'o' : 'f';
            }
        }
        Walk(new DirectoryInfo(Root));
        return entries;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A step a case interrupted may still be letting go of a file; the temp folder is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file)));
    }
}
