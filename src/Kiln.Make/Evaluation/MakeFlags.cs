using Kiln.Make.Syntax;

namespace Kiln.Make.Evaluation;

/// <summary>
/// make's single-letter switches as MAKEFLAGS shows them, and the decoding of a MAKEFLAGS value
/// inherited from the environment (switches, and variable assignments that act as if given on
/// the command line).
/// </summary>
public static class MakeFlags
{
    /// <summary>The flag switches in make's table order, which is the order MAKEFLAGS lists them in.</summary>
    private const string FlagOrder = "BdehikLnpqrRstvw";

    /// <summary>Letters in make's order, each once.</summary>
    public static string Normalize(IEnumerable<char> letters)
    {
        var set = new HashSet<char>(letters);
        return new string(FlagOrder.Where(set.Contains).ToArray());
    }

    /// <summary>Decodes an inherited MAKEFLAGS value as make's decode_env_switches does.</summary>
    public static (string Letters, List<string> Assignments) Decode(string value)
    {
        var words = SplitUnquoting(value);
        var letters = new List<char>();
        var assignments = new List<string>();
        if (words.Count > 0 && !words[0].StartsWith('-') && !words[0].Contains('=')) words[0] = "-" + words[0];
        var optionsEnded = false;
        foreach (var word in words)
        {
            if (!optionsEnded && word == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && word.StartsWith("--", StringComparison.Ordinal)) continue;
            if (!optionsEnded && word.StartsWith('-'))
            {
                foreach (var c in word.AsSpan(1))
                {
                    if (c == 'S') letters.Remove('k');
                    else if (FlagOrder.Contains(c)) letters.Add(c);
                    else break;
                }
                continue;
            }
            if (CommandLineAssignment.IsAssignment(word)) assignments.Add(word);
        }
        return (Normalize(letters), assignments);
    }

    /// <summary>Splits at blanks; a backslash makes the next character literal.</summary>
    private static List<string> SplitUnquoting(string value)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var i = 0;
        while (i < value.Length && Text.CharClass.IsSpace(value[i])) i++;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                current.Append(value[++i]);
            }
            else if (Text.CharClass.IsBlank(c))
            {
                words.Add(current.ToString());
                current.Clear();
                while (i + 1 < value.Length && Text.CharClass.IsBlank(value[i + 1])) i++;
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0 || words.Count > 0) words.Add(current.ToString());
        return words;
    }
}
