namespace Kiln.Make.Inputs;

/// <summary>
/// Recognises a listing of one directory by find, not below it (<c>-maxdepth 1</c>), by name pattern and type only,
/// whose lines pure filters may edit (<see cref="PureCommand"/>): <c>find patches -mindepth 1 -maxdepth 1 -type d -name
/// 'nginx-mod-*' | sed -E 's,^patches/nginx-mod-,,'</c>. Its output follows from the directory's entries, in the order
/// the directory lists them, and their types (<see cref="DirectoryEntriesInput"/>).
/// </summary>
public static class ListingCommand
{
    /// <summary>The directory listed, as written in the command; null when it is not such a command.</summary>
    public static string? Directory(string command)
    {
        if (PureCommand.SplitPipeline(command) is not [var find, .. var filters]
            || PureCommand.Words(find) is not [("find", false), var (directory, quoted), .. var tests]
            || directory.Length == 0 || directory.StartsWith('-') || !quoted && directory.Contains('$') || tests.Count % 2 != 0)
            return null;
        var maxDepths = 0;
        for (var i = 0; i < tests.Count; i += 2)
        {
            var (test, value) = (tests[i], tests[i + 1]);
            var known = test switch
            {
                ("-mindepth", false) => value.Text is "0" or "1",
                ("-maxdepth", false) => value.Text == "1",
                ("-type", false) => value.Text is "d" or "f" or "l",
                ("-name", false) => value.Quoted || !value.Text.Contains('$'),
                _ => false,
            };
            if (!known) return null;
            if (test.Text == "-maxdepth") maxDepths++;
        }
        if (maxDepths == 0) return null;
        foreach (var filter in filters)
            if (PureCommand.Words(filter) is not { Count: > 0 } words || !PureCommand.IsFilter(words))
                return null;
        return directory;
    }
}
