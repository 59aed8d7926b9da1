using Kiln.Core.Errors;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>file: writes (<c>&gt;</c>), appends (<c>&gt;&gt;</c>) or reads (<c>&lt;</c>) a file.</summary>
internal static class FileFunction
{
    public static void Register(List<MakeFunction> table) => table.Add(new MakeFunction("file", 1, 2, File));

    private static void File(Evaluator ev, string[] a, TextBuilder o)
    {
        var spec = a[0];
        if (spec.StartsWith('>'))
        {
            var append = spec.Length > 1 && spec[1] == '>';
            var name = spec[(append ? 2 : 1)..].TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
            if (name.Length == 0) throw ev.ErrorAtExpansion("file: missing filename");
            var path = ev.ResolvePath(name);
            ev.Options.Inputs?.NotRepeatable();
            if (Directory.Exists(path)) throw new Kiln.Core.Errors.UserError(ev.ReadingLocation, $"open: {name}: Is a directory");
            try
            {
                using var stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write);
                if (a.Length > 1)
                {
                    var text = a[1];
                    if (text.Length == 0 || text[^1] != '\n') text += "\n";
                    stream.Write(ByteText.GetBytes(text));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new Kiln.Core.Errors.UserError(ev.ReadingLocation, $"open: {name}: {SystemErrors.Describe(e)}");
            }
        }
        else if (spec.StartsWith('<'))
        {
            var name = spec[1..].TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
            if (name.Length == 0) throw ev.ErrorAtExpansion("file: missing filename");
            if (a.Length > 1) throw ev.ErrorAtExpansion("file: too many arguments");
            var path = ev.ResolvePath(name);
            if (ev.Files.IsDirectory(path)) throw new Kiln.Core.Errors.UserError(ev.ReadingLocation, $"read: {name}: Is a directory");
            string content;
            try
            {
                var bytes = System.IO.File.ReadAllBytes(path);
                ev.Options.Inputs?.FileRead(path, System.Security.Cryptography.SHA256.HashData(bytes));
                content = ByteText.Encoding.GetString(bytes);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                ev.Options.Inputs?.PathQueried(path, PathQuery.IsFile, false);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new Kiln.Core.Errors.UserError(ev.ReadingLocation, $"open: {name}: {SystemErrors.Describe(e)}");
            }
            if (content.EndsWith('\n'))
                content = content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2] : content[..^1];
            // What make read is a C string: it ends at a NUL byte.
            var nul = content.IndexOf('\0');
            if (nul >= 0) content = content[..nul];
            o.Append(content);
        }
        else
        {
            throw ev.ErrorAtExpansion($"file: invalid file operation: {spec}");
        }
    }
}
