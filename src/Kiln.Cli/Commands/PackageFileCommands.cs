using System.CommandLine;
using System.Text.Json;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Packing.Feeds;
using Kiln.Packing.Ipk;
using Kiln.Packing.Signing;

namespace Kiln.Cli.Commands;

/// <summary>
/// The package files and feeds a build writes: <c>index</c>, <c>sign</c>, <c>verify</c>, <c>key</c>
/// and <c>ipk-info</c>. The key pair is the tree's (TREE/key-build, TREE/key-build.pub).
/// </summary>
public static class PackageFileCommands
{
    public static IEnumerable<Command> Create()
    {
        var directory = new Argument<string>("DIR") { Description = "A directory of .ipk files (searched recursively).",
            DefaultValueFactory = _ => "." };
        var index = new Command("index", "Rewrite a directory's Packages, Packages.manifest, Packages.gz and Packages.sig.") { directory };
        index.SetAction(result => Done(() =>
        {
            var dir = result.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new UserError($"{dir}: no such directory");
            var count = FeedIndex.Write(dir, BuildKey.Secret(Top(result)));
            Console.Out.WriteLine($"{count} packages indexed in {dir}");
        }));
        yield return index;

        var signFile = new Argument<string>("FILE") { Description = "The file to sign; the signature goes to FILE.sig." };
        var sign = new Command("sign", "Sign a file with the tree's key (usign format).") { signFile };
        sign.SetAction(result => Done(() =>
        {
            var file = ExistingFile.Require(result.GetValue(signFile)!);
            AtomicFile.Write(file + ".sig", Usign.Sign(File.ReadAllBytes(file), BuildKey.Secret(Top(result))));
            Console.Out.WriteLine($"{file}.sig written");
        }));
        yield return sign;

        var verifyFile = new Argument<string>("FILE") { Description = "The signed file (its signature is FILE.sig)." };
        var publicKey = new Option<string?>("--key") { Description = "The public key to check with (default: TREE/key-build.pub).",
            HelpName = "FILE" };
        var verify = new Command("verify", "Check FILE.sig against FILE and a public key.") { verifyFile, publicKey };
        verify.SetAction(result => Done(() =>
        {
            var file = ExistingFile.Require(result.GetValue(verifyFile)!);
            var keyFile = result.GetValue(publicKey);
            var key = keyFile is null ? BuildKey.Public(Top(result)) : Usign.ReadPublic(File.ReadAllText(ExistingFile.Require(keyFile)), keyFile);
            var problem = Usign.Verify(File.ReadAllBytes(file), File.ReadAllText(ExistingFile.Require(file + ".sig")), key, file + ".sig");
            if (problem is not null) throw new UserError(problem);
            Console.Out.WriteLine($"{file}: good signature by key {key.Fingerprint}");
        }));
        yield return verify;

        var key = new Command("key", "Show where the tree's signing key pair is and its key id (made on first use).");
        key.SetAction(result => Done(() =>
        {
            var top = Top(result);
            BuildKey.Secret(top);
            Console.Out.WriteLine($"secret key: {BuildKey.SecretPath(top)}");
            Console.Out.WriteLine($"public key: {BuildKey.PublicPath(top)}");
            Console.Out.WriteLine($"key id:     {BuildKey.Public(top).Fingerprint}");
        }));
        yield return key;

        var ipkFile = new Argument<string>("FILE") { Description = "An .ipk file." };
        var json = new Option<bool>("--json") { Description = "Print JSON: control fields and files." };
        var info = new Command("ipk-info", "Print an .ipk's control fields and the files it installs.") { ipkFile, json };
        info.SetAction(result => Done(() =>
        {
            var contents = IpkContents.Read(ExistingFile.Require(result.GetValue(ipkFile)!));
            Console.Out.Write(result.GetValue(json) ? Json(contents) : Text(contents));
        }));
        yield return info;
    }

    private static string Text(IpkContents contents)
    {
        var text = new StringBuilder(contents.Control.Write()).Append('\n');
        foreach (var entry in contents.ControlEntries.Where(e => e.Name != "./")) text.Append($"control {Mode(entry)} {entry.Name}\n");
        foreach (var entry in contents.DataEntries)
            text.Append($"{Mode(entry)} " +
                $"{entry.Name}{(entry.LinkTarget is { } target ? " -> " + target : "")}{(entry.Bytes is { } b ? $" ({b.Length} bytes)" : "")}\n");
        return text.ToString();
    }

    private static string Json(IpkContents contents)
    {
        using var buffer = new MemoryStream();
        using (var json = Kiln.Cli.Output.JsonText.Writer(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("control");
            foreach (var (name, value) in contents.Control.Fields) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var entry in contents.DataEntries)
            {
                json.WriteStartObject();
                json.WriteString("name", entry.Name);
                json.WriteString("type", entry.LinkTarget is not null ? "symlink" : entry.Bytes is null ? "directory" : "file");
                json.WriteString("mode", Convert.ToString((int)entry.Mode, 8).PadLeft(4, '0'));
                if (entry.Bytes is { } bytes) json.WriteNumber("size", bytes.Length);
                if (entry.LinkTarget is { } target) json.WriteString("target", target);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Mode(Kiln.Packing.Archives.TarGz.Entry entry) =>
        (entry.LinkTarget is not null ? "l" : entry.Bytes is null ? "d" : "-") + Convert.ToString((int)entry.Mode, 8).PadLeft(4, '0');

    private static string Top(ParseResult result) => GlobalOptions.Tree(result);


    private static int Done(Action work)
    {
        work();
        return ExitCodes.Success;
    }
}
