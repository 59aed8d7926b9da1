using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>dir, notdir, suffix, basename, addsuffix, addprefix, wildcard, realpath, abspath.</summary>
internal static class FileNameFunctions
{
    public static void Register(List<MakeFunction> table)
    {
        table.Add(new MakeFunction("dir", 0, 1, (ev, a, o) => DirOrBasename(a[0], o, isDir: true)));
        table.Add(new MakeFunction("basename", 0, 1, (ev, a, o) => DirOrBasename(a[0], o, isDir: false)));
        table.Add(new MakeFunction("notdir", 0, 1, NotDir));
        table.Add(new MakeFunction("suffix", 0, 1, Suffix));
        table.Add(new MakeFunction("addprefix", 2, 2, (ev, a, o) => AddAffix(a, o, prefix: true)));
        table.Add(new MakeFunction("addsuffix", 2, 2, (ev, a, o) => AddAffix(a, o, prefix: false)));
        table.Add(new MakeFunction("wildcard", 0, 1, Wildcard));
        table.Add(new MakeFunction("realpath", 0, 1, RealPath));
        table.Add(new MakeFunction("abspath", 0, 1, AbsPath));
    }

    private static void DirOrBasename(string text, TextBuilder o, bool isDir)
    {
        var any = false;
        foreach (var word in Words.Enumerate(text))
        {
            var p = word.Length - 1;
            while (p >= 0 && word[p] != '/' && (isDir || word[p] != '.')) p--;
            if (p >= 0 && isDir) o.Append(word[..(p + 1)]);
            else if (p >= 0 && word[p] == '.') o.Append(word[..p]);
            else if (isDir) o.Append("./");
            else o.Append(word);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    private static void NotDir(Evaluator ev, string[] a, TextBuilder o)
    {
        var any = false;
        foreach (var word in Words.Enumerate(a[0]))
        {
            var slash = word.LastIndexOf('/');
            o.Append(slash >= 0 ? word[(slash + 1)..] : word);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    private static void Suffix(Evaluator ev, string[] a, TextBuilder o)
    {
        var any = false;
        foreach (var word in Words.Enumerate(a[0]))
        {
            var p = word.LastIndexOfAny('/', '.');
            if (p < 0 || word[p] != '.') continue;
            o.Append(word[p..]);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    private static void AddAffix(string[] a, TextBuilder o, bool prefix)
    {
        var any = false;
        foreach (var word in Words.Enumerate(a[1]))
        {
            if (prefix) o.Append(a[0]);
            o.Append(word);
            if (!prefix) o.Append(a[0]);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    private static void Wildcard(Evaluator ev, string[] a, TextBuilder o)
    {
        var any = false;
        foreach (var match in FileNames.Parse(a[0], ev, existingOnly: true))
        {
            o.Append(match);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    private static void RealPath(Evaluator ev, string[] a, TextBuilder o)
    {
        var any = false;
        foreach (var word in Words.Enumerate(a[0]))
        {
            var name = word.ToString();
            var resolved = PathFunctions.RealPath(name, ev.WorkingDirectoryFor(name));
            ev.Options.Inputs?.PathResolved(name, ev.WorkingDirectory, resolved);
            if (resolved is null) continue;
            o.Append(resolved);
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }

    private static void AbsPath(Evaluator ev, string[] a, TextBuilder o)
    {
        var any = false;
        foreach (var word in Words.Enumerate(a[0]))
        {
            o.Append(PathFunctions.AbsPath(word, ev.WorkingDirectoryFor(word)));
            o.Append(' ');
            any = true;
        }
        if (any) o.RemoveLast();
    }
}
