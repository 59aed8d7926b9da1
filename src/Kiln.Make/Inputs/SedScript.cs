namespace Kiln.Make.Inputs;

/// <summary>
/// Recognises a sed script that only edits the text it is given: one command, <c>s</c> with flags that neither read
/// nor write (g, p, I, a number), <c>y</c>, <c>p</c> or <c>d</c>, after an optional line number or /regex/ address.
/// Anything else (w, r, e, several commands, an s///w or s///e) is not. Delimiters are found as GNU sed finds them: a
/// backslash escapes the next character, a bracket expression is not special.
/// </summary>
public static class SedScript
{
    public static bool EditsOnlyItsInput(string script)
    {
        var i = 0;
        if (!SkipAddress(script, ref i) || i >= script.Length) return false;
        var command = script[i++];
        switch (command)
        {
            case 'p' or 'd':
                return i == script.Length;
            case 's' or 'y':
                if (i >= script.Length || script[i] is '\\' or '\n') return false;
                var delimiter = script[i++];
                if (!SkipPast(script, delimiter, ref i) || !SkipPast(script, delimiter, ref i)) return false;
                var flags = script.AsSpan(i);
                return command == 'y' ? flags.IsEmpty : !flags.ContainsAnyExcept("gpI0123456789");
            default:
                return false;
        }
    }

    /// <summary>Moves past a line number or a /regex/ address, if there is one; false for an address it does not take.</summary>
    private static bool SkipAddress(string script, ref int i)
    {
        if (i < script.Length && script[i] == '/')
        {
            i++;
            return SkipPast(script, '/', ref i);
        }
        while (i < script.Length && char.IsAsciiDigit(script[i])) i++;
        return true;
    }

    /// <summary>Moves past the next <paramref name="delimiter"/> not escaped by a backslash; false if there is none.</summary>
    private static bool SkipPast(string script, char delimiter, ref int i)
    {
        for (; i < script.Length; i++)
        {
            if (script[i] == '\n') return false;
            if (script[i] == '\\') i++;
            else if (script[i] == delimiter)
            {
                i++;
                return true;
            }
        }
        return false;
    }
}
