namespace Kiln.Make.Evaluation;

/// <summary>
/// Supplies makefiles that do not come from the file system, such as an API shipped inside a
/// program. It is asked first whenever a makefile is read by path.
/// </summary>
public interface IMakefileProvider
{
    /// <summary>The text for <paramref name="osPath"/> (an absolute path), or null to read the file system.</summary>
    string? Find(string osPath);
}
