using System.Collections;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>This process's environment as byte text, in a stable order.</summary>
public static class ProcessEnvironment
{
    public static IReadOnlyDictionary<string, string> Read()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            result[ByteText.FromOs((string)e.Key)] = ByteText.FromOs((string?)e.Value ?? "");
        return result;
    }
}
