using System.Text;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;

namespace Kiln.Build.Packages;

/// <summary>
/// What a package Makefile read for building answered (values, definitions, expanded recipes, the files it read), with
/// everything its evaluation learned from outside itself. Kept between runs: while all of that still holds, the same
/// questions get the same answers without the Makefile being read again, so a build where nothing changed reads none.
/// The jobserver's descriptors, which differ between runs, are kept as a placeholder.
/// </summary>
internal sealed class MakefileAnswers
{
    private const string Magic = "kiln-makefile-answers 3";
    private const string JobserverPlaceholder = "\u0001JOBSERVER\u0001";

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, bool> Definitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Expanded recipes (null: no such rule) by rule and stamp (<see cref="ExpansionKey"/>).</summary>
    public Dictionary<string, ExpandedRecipe?> Expansions { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, string>> FilesRead { get; init; } = [];

    /// <summary>What the evaluations behind the answers learned from outside themselves.</summary>
    public IReadOnlyList<RecordedInput> Inputs { get; init; } = [];

    public static string ExpansionKey(string rule, string stamp) => rule + "\n" + stamp;

    /// <summary>The answers kept in <paramref name="file"/> for <paramref name="key"/>, or null when there are none, or their inputs changed.</summary>
    public static MakefileAnswers? Load(string file, string key, string jobserverFlag, InputCheck check)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != key) return null;
            var inputs = RecordedInputCodec.Decode(reader.ReadBytes(reader.ReadInt32()));
            if (!check.StillHold(inputs)) return null;
            string Text() => reader.ReadString().Replace(JobserverPlaceholder, jobserverFlag, StringComparison.Ordinal);
            var files = new KeyValuePair<string, string>[reader.ReadInt32()];
            for (var i = 0; i < files.Length; i++) files[i] = KeyValuePair.Create(reader.ReadString(), reader.ReadString());
            var answers = new MakefileAnswers { FilesRead = files, Inputs = inputs! };
            for (var count = reader.ReadInt32(); count > 0; count--) answers.Values[reader.ReadString()] = Text();
            for (var count = reader.ReadInt32(); count > 0; count--) answers.Definitions[reader.ReadString()] = reader.ReadBoolean();
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var expansionKey = reader.ReadString();
                if (!reader.ReadBoolean())
                {
                    answers.Expansions[expansionKey] = null;
                    continue;
                }
                var text = Text();
                var environment = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var variables = reader.ReadInt32(); variables > 0; variables--) environment[reader.ReadString()] = Text();
                answers.Expansions[expansionKey] = new ExpandedRecipe(text, environment, reader.ReadString());
            }
            return answers;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Replaces <paramref name="file"/> whole; answers that cannot be kept are only a slower next run, never an error.</summary>
    public void Save(string file, string key, string jobserverFlag)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            void Text(string value) => writer.Write(value.Replace(jobserverFlag, JobserverPlaceholder, StringComparison.Ordinal));
            writer.Write(Magic);
            writer.Write(key);
            var inputs = RecordedInputCodec.Encode(Inputs);
            writer.Write(inputs.Length);
            writer.Write(inputs);
            writer.Write(FilesRead.Count);
            foreach (var (path, hash) in FilesRead)
            {
                writer.Write(path);
                writer.Write(hash);
            }
            writer.Write(Values.Count);
            foreach (var (name, value) in Values)
            {
                writer.Write(name);
                Text(value);
            }
            writer.Write(Definitions.Count);
            foreach (var (name, defined) in Definitions)
            {
                writer.Write(name);
                writer.Write(defined);
            }
            writer.Write(Expansions.Count);
            foreach (var (expansionKey, recipe) in Expansions)
            {
                writer.Write(expansionKey);
                writer.Write(recipe is not null);
                if (recipe is null) continue;
                Text(recipe.Text);
                writer.Write(recipe.Environment.Count);
                foreach (var (name, value) in recipe.Environment)
                {
                    writer.Write(name);
                    Text(value);
                }
                writer.Write(recipe.ShellFlags);
            }
        }
        try
        {
            AtomicFile.Write(file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next run reads the Makefile, nothing worse.
        }
    }

    /// <summary>Removes kept answers that no longer apply (their evaluation did something a replay would not repeat).</summary>
    public static void Forget(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
